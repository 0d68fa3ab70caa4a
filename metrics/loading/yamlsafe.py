"""Reading input that may be hostile: bounded reads, strict UTF-8 without control characters, no aliases,
duplicate keys refused, line numbers on demand.

Metric files are read as YAML 1.2, as editors read them, by yaml-rs (a Rust parser, about nine times faster
than libyaml through PyYAML): `yes`, `no` and `on` stay text, duplicate keys are an error, dates stay text for
Pydantic to check, and nesting is capped. PyYAML (libyaml) only finds anchors before parsing and composes a
file again when a problem needs its line number."""

from __future__ import annotations

import os
import re
import stat
import sys
import threading
from collections.abc import Sequence

import yaml


def _import_yaml_rs():
    """yaml-rs 0.1.6 (a PyO3 module) brings the whole process down with a segmentation fault when the thread that
    first imported it has ended and another thread parses. Streamlit runs every script run in a new thread, so
    the dashboard's first import would happen in a thread that ends at once, and a later parse (a deck or an
    extraction checked on the page) would take the server down. The first import is therefore made in the main
    thread, or in a thread kept for it as long as the process lives (tests/test_yaml.py runs the crash case)."""
    if "yaml_rs" in sys.modules or threading.current_thread() is threading.main_thread():
        import yaml_rs

        return yaml_rs
    done, box = threading.Event(), {}

    def keep() -> None:
        try:
            import yaml_rs

            box["module"] = yaml_rs
        except BaseException as e:
            box["error"] = e
        done.set()
        threading.Event().wait()  # never ends: the module's first thread must outlive every call

    threading.Thread(target=keep, name="yaml-rs-keeper", daemon=True).start()
    done.wait()
    if "error" in box:
        raise box["error"]
    return box["module"]


yaml_rs = _import_yaml_rs()

MAX_BYTES = 4 * 1024 * 1024
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):
    """libyaml's safe loader with dates left as text (used for events and node positions, never for values)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }


class YamlProblem(ValueError):
    """A file that cannot be read as a YAML mapping; carries the line and a hint."""

    def __init__(self, message: str, hint: str, line: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


def read_bounded(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most limit bytes. A pipe, socket or device is refused at once (opened
    without blocking, checked before any read) and an oversize file before it is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise YamlProblem(f"cannot read file: {e.strerror}", "check the path and permissions") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise YamlProblem("not a regular file (a pipe, socket or device)", "put a plain text file at this path")
        if st.st_size > limit:
            raise _oversize(st.st_size, limit)
        # Ask for the size it has (a buffer of `limit` bytes per read would cost more than the read); a file
        # that grew since is read on, up to the limit.
        raw = f.read(st.st_size + 1)
        if len(raw) > st.st_size:
            raw += f.read(limit + 1 - len(raw))
    if len(raw) > limit:
        raise _oversize(len(raw), limit)
    return raw


def _oversize(size: int, limit: int) -> YamlProblem:
    return YamlProblem(f"file is {size:,} bytes, over the limit of {limit:,}", "split it into one file per source document")


# Characters no text file of ours holds: C0 controls but tab and line breaks, DEL, C1 controls, and the code points
# Unicode reserves as non-characters. A NUL makes a YAML parser stop reading without a word (the figures after it
# would vanish); the others are invisible in an editor and unsafe in a spreadsheet.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
MAX_DIGITS = 1000  # no figure has this many digits; a parser reading such a token takes seconds, then refuses it
MAX_LINE = 20_000  # characters: a quote is at most 1,000; a longer line is not a hand-written data file
_DIGITS = re.compile(rf"\d{{{MAX_DIGITS},}}")
# The searches above cost 30-75 µs a file in the regex engine, a tenth of a cold load: C-level tests spare them for
# the files that cannot hold what they look for. A C0 control or DEL is one byte of its own in UTF-8; C1 controls
# begin with the byte C2 and U+FFFE/U+FFFF with EF BF, so a file without those bytes holds none of them.
_C0 = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
_NOT_C0 = bytes(sorted(set(range(256)) - set(_C0)))


def _may_hold_control(raw: bytes) -> bool:
    return bool(raw.translate(None, _NOT_C0)) or b"\xc2" in raw or b"\xef\xbf" in raw


def decode(raw: bytes) -> str:
    """Bytes to text as every editor saves it: UTF-8, with or without a byte-order mark (Windows Notepad), with
    CRLF or LF line ends (read as LF). Refused, with the line: oversize input, bytes that are not UTF-8, control
    characters, and tokens no parser should be asked to read (a number of a thousand digits, a line of 20,000
    characters)."""
    if len(raw) > MAX_BYTES:
        raise _oversize(len(raw), MAX_BYTES)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise YamlProblem(f"not UTF-8 text ({e.reason} at byte {e.start})", "save the file as UTF-8", raw[: e.start].count(b"\n") + 1) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _may_hold_control(raw) and (bad := _CONTROL.search(text)):
        raise YamlProblem(f"control character U+{ord(bad[0]):04X} at column {bad.start() - text.rfind(chr(10), 0, bad.start())}",
                          "remove it: a data file holds printable text, tabs and line breaks only", text.count("\n", 0, bad.start()) + 1)
    lines = text.split("\n")
    longest = max(map(len, lines))
    if longest >= MAX_DIGITS and (big := _DIGITS.search(text)):  # a number of MAX_DIGITS digits needs a line as long
        raise YamlProblem(f"a number of {len(big[0]):,} digits", f"no figure has more than {MAX_DIGITS:,} digits: check the file",
                          text.count("\n", 0, big.start()) + 1)
    if longest > MAX_LINE:
        n = next(i for i, line in enumerate(lines, 1) if len(line) > MAX_LINE)
        raise YamlProblem(f"line of {len(lines[n - 1]):,} characters", f"break it: lines are at most {MAX_LINE:,} characters", n)
    return text


def refuse_aliases(text: str) -> None:
    """Refuse anchors and aliases before anything is built: a few hundred bytes of nested aliases
    expand into billions of nodes once validated or serialised (an 'alias bomb')."""
    if "*" not in text and "&" not in text:  # an alias needs '*', an anchor '&': most files skip the scan
        return
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem("YAML anchors and aliases (&name, *name) are not allowed", "write each value out in full",
                                  event.start_mark.line + 1)
    except yaml.YAMLError:
        return  # not YAML to libyaml: yaml-rs says why, and refuses any alias itself (NO_ALIASES)


NO_ALIASES = yaml_rs.AliasLimits(max_total_replayed_events=0, max_alias_expansions_per_anchor=0)
_AT_LINE = re.compile(r"at line (\d+)")
_DUPLICATE = re.compile(r"duplicate mapping key: (.*)")


def load_mapping(text: str, shape: str = "a metric file needs 'source:' and 'metrics:'") -> dict:
    """Parse text that must hold one YAML mapping; shape says what the file should hold (for the hints)."""
    refuse_aliases(text)
    try:
        data = yaml_rs.loads(text, parse_datetime=False, alias_limits=NO_ALIASES)
    except yaml_rs.YAMLDecodeError as e:
        raise _problem(str(e), text) from None
    if data is None:
        raise YamlProblem("file is empty", shape, 1)
    if not isinstance(data, dict):
        raise YamlProblem(f"the file holds a YAML {type(data).__name__} (or several documents), not a mapping",
                          f"one document per file, its keys at the left margin ({shape})", 1)
    return data


def _problem(message: str, text: str) -> YamlProblem:
    if "alias expansion" in message:
        return YamlProblem("YAML anchors and aliases (&name, *name) are not allowed", "write each value out in full")
    if dup := _DUPLICATE.search(message):
        return YamlProblem(f"duplicate key {dup[1]}", "write each key once per mapping; the second one is named here",
                           _duplicate_line(text))
    at = _AT_LINE.search(message)
    reason = message.strip().splitlines()[-1].strip(" |") if at else message
    return YamlProblem(f"YAML syntax error: {reason}", "check indentation, colons and quotes on that line", int(at[1]) if at else None)


def _duplicate_line(text: str) -> int | None:
    """The line of the first repeated key (PyYAML keeps the last silently, so walk its nodes)."""
    try:
        stack = [yaml.compose(text, Loader=Loader)]
    except yaml.YAMLError:
        return None
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):  # a complex key ('? {k: v}') is never a plain duplicate
                    if key.value in seen:
                        return key.start_mark.line + 1
                    seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at path (keys and list indexes), or of its nearest existing parent."""
    return Lines(text)(path)


class Lines:
    """Where each node of a file starts, for messages: the file is composed once, when the first problem asks,
    however many problems follow (valid files never pay for it)."""

    def __init__(self, text: str):
        self.text = text
        self._root: yaml.Node | bool | None = False  # False: not composed yet

    def _node(self):
        if self._root is False:
            try:
                self._root = yaml.compose(self.text, Loader=Loader)
            except yaml.YAMLError:
                self._root = None
        return self._root

    def __call__(self, path: Sequence[str | int]) -> int | None:
        node = self._node()
        if node is None:
            return None
        line = node.start_mark.line + 1
        for step in path:
            if isinstance(node, yaml.MappingNode):  # keys compared as written: a key 1 is the text '1' in the file
                found = next(((k, v) for k, v in node.value if k.value == str(step)), None)
                if found is None:
                    return line
                line, node = found[0].start_mark.line + 1, found[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line + 1
            else:
                return line
        return line
