"""A seeded mutator of metric files and a runner that loads each mutant beside a valid file, checking what must
hold whatever the input: nothing escapes the load, no load exceeds its time bound, read = loaded + rejected, and
no record goes missing without a problem naming its file. Used by tests/test_fuzz.py (a few hundred mutants) and
bench/fuzz_load.py (ten thousand and more)."""

from __future__ import annotations

import multiprocessing as mp
import random
import re
import shutil
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "data"
SEEDS = sorted((FIXTURE / "metrics").glob("*.yaml"))

# Tokens a careless or hostile hand puts where a value belongs.
HOSTILE = ["9" * 5000, "9" * 400, "-1", "1e400", ".nan", ".inf", "0x1F", "1_000", "[]", "{}", "null", "~", "''", '"\\0"', '"\\x01"',
           "&a x", "*a", "!!python/object:os.system", "!!binary aGVsbG8=", "? {k: v}", "9999-12-31", "2026-02-30", "'=HYPERLINK(\"x\")'",
           "<script>alert(1)</script>", "'" + "x" * 2000 + "'", "[" * 200, "{a: [b, {c: d}]}", "yes", "no", "on", "0E0", "1:20", "|",
           "'sources/../../etc/passwd.txt'", "'sources/te\\0st.txt'", "\ufeff", "\u200b=1", "＝1"]
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
JUNK = [b"\x00", b"\xff", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\t", b"\x1b[31m", b"\xc3", b"\xe2\x80", b"---\n", b"...\n", b"%YAML 1.1\n",
        b"  ", b"- ", b": ", b"#", b"&", b"*", b"!", b"|", b">", b"'", b'"', b"{", b"}", b"[", b"]"]


def mutate(text: bytes, rng: random.Random) -> bytes:
    """One to four random edits: bytes removed, junk inserted, lines duplicated, swapped, reindented or cut,
    a value replaced by a hostile token, a key renamed."""
    lines = text.split(b"\n")
    for _ in range(rng.choice([1, 1, 1, 2, 3, 4])):  # many single edits: a file otherwise valid shows a silent loss
        op = rng.randrange(9)
        if op == 0 and len(text) > 2:
            a = rng.randrange(len(text))
            text = text[:a] + text[a + rng.randint(1, 40):]
            lines = text.split(b"\n")
        elif op == 1:
            a = rng.randrange(len(text) + 1)
            junk = rng.choice(JUNK[:4]) if rng.random() < 0.3 else rng.choice(JUNK)  # bytes that stop or fool a parser, often
            text = text[:a] + junk * rng.randint(1, 3) + text[a:]
            lines = text.split(b"\n")
        elif op == 2 and rng.random() < 0.5:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
        elif op == 2:  # junk at the start of a line: where a parser that stops on it loses whole records cleanly
            i = rng.randrange(len(lines))
            lines[i] = rng.choice(JUNK[:4]) + lines[i]
        elif op == 3:
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 4:
            i = rng.randrange(len(lines))
            lines[i] = b" " * rng.choice([0, 1, 2, 3, 5, 8]) + lines[i].lstrip()
        elif op == 5:
            lines = lines[: rng.randrange(len(lines) + 1)] or [b""]
        elif op in (6, 7):
            candidates = [i for i, line in enumerate(lines) if b": " in line]
            if candidates:
                i = rng.choice(candidates)
                key = lines[i].split(b": ", 1)[0]
                lines[i] = key + b": " + rng.choice(HOSTILE).encode("utf-8")
        else:
            candidates = [i for i, line in enumerate(lines) if b": " in line]
            if candidates:
                i = rng.choice(candidates)
                key, value = lines[i].split(b": ", 1)
                indent = key[: len(key) - len(key.lstrip())]
                lines[i] = indent + rng.choice([b"valeu", b"1", b"? x", b"source", b"metrics", b"id", b'"quote"']) + b": " + value
        text = b"\n".join(lines)
    return text


@dataclass
class Outcome:
    kind: str  # ok, exception, hang, lost, miscount
    detail: str = ""
    seconds: float = 0.0


def check_one(body: bytes, seconds_bound: float) -> Outcome:
    """Load the mutant beside a valid file in a fresh data folder; say what, if anything, went wrong."""
    from metrics.figures import load

    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp)
        shutil.copytree(FIXTURE / "reference", root / "reference")
        shutil.copytree(FIXTURE / "sources", root / "sources")
        (root / "metrics").mkdir()
        good = (FIXTURE / "metrics" / "van-phong-ubnd-tinh-2026-02-27.yaml").read_text(encoding="utf-8")
        (root / "metrics" / "a-good.yaml").write_text(good.replace("van-phong-ubnd-tinh-2026-02-27\n", "good-copy\n", 1)
                                                      .replace("  - id: ", "  - id: good-"), encoding="utf-8")
        (root / "metrics" / "b-mutant.yaml").write_bytes(body)
        t = time.monotonic()
        try:
            r = load(root, workers=1)
        except Exception:  # this is what the runner looks for
            return Outcome("exception", traceback.format_exc()[-1500:], time.monotonic() - t)
        took = time.monotonic() - t
    if took > seconds_bound:
        return Outcome("hang", f"{took:.1f} s", took)
    if r.records_read != r.records_loaded + r.records_rejected:
        return Outcome("miscount", f"read {r.records_read}, loaded {r.records_loaded}, rejected {r.records_rejected}", took)
    named = [p for p in r.problems if p.file.endswith("b-mutant.yaml") or p.file == "(all files)"]
    loaded_mutant = int((r.frame["file"].astype(str) == "metrics/b-mutant.yaml").sum())
    good_count = good.count("\n  - id: ")
    if int((r.frame["file"].astype(str) == "metrics/a-good.yaml").sum()) != good_count:
        return Outcome("lost", "the valid sibling file lost figures", took)
    if not named:
        # No problem names the mutant: then every record another parser sees in it must have loaded.
        # (Control characters removed first: PyYAML refuses them outright, where a parser that stops at one
        # would read fewer records.)
        try:
            other = yaml.load(CONTROL.sub("", body.decode("utf-8-sig")), Loader=yaml.CSafeLoader)
        except Exception:  # the independent parser refuses it too: nothing to compare
            return Outcome("ok", "", took)
        items = other.get("metrics") if isinstance(other, dict) else None
        if isinstance(items, list) and len(items) != loaded_mutant:
            return Outcome("lost", f"{len(items)} records in the file, {loaded_mutant} loaded, no problem said", took)
        if r.records_read - good_count != loaded_mutant:
            return Outcome("lost", f"{r.records_read - good_count} read, {loaded_mutant} loaded, no problem said", took)
    return Outcome("ok", "", took)


@dataclass
class Report:
    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    slowest: float = 0.0

    def add(self, i: int, o: Outcome) -> None:
        self.counts[o.kind] += 1
        self.slowest = max(self.slowest, o.seconds)
        if o.kind != "ok":
            self.examples.setdefault(o.kind, []).append((i, o.detail))


def mutants(n: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    seeds = [p.read_bytes() for p in SEEDS]
    return [mutate(rng.choice(seeds), rng) for _ in range(n)]


def run(n: int, seed: int = 0, seconds_bound: float = 10.0, workers: int = 2, progress=None) -> Report:
    """n mutants (seeded, so a failure can be replayed) through check_one in worker processes; a mutant that takes
    longer than twice the bound is a hang, and its worker is replaced."""
    report, bodies = Report(), mutants(n, seed)
    ctx = mp.get_context("fork")
    pool = ProcessPoolExecutor(workers, mp_context=ctx)
    try:
        pending = {}
        i = 0
        while i < len(bodies) or pending:
            while i < len(bodies) and len(pending) < workers * 4:
                pending[i] = (pool.submit(check_one, bodies[i], seconds_bound), time.monotonic())
                i += 1
            for j in sorted(pending):
                future, started = pending[j]
                try:
                    report.add(j, future.result(timeout=max(0.01, 2 * seconds_bound - (time.monotonic() - started))))
                except FutureTimeout:
                    report.add(j, Outcome("hang", f"over {2 * seconds_bound:g} s", 2 * seconds_bound))
                    pool.shutdown(wait=False, cancel_futures=True)
                    for p in list(getattr(pool, "_processes", {}).values()):
                        p.kill()
                    pool = ProcessPoolExecutor(workers, mp_context=ctx)
                    for k in [k for k in pending if k != j]:  # resubmit what the killed pool held
                        pending[k] = (pool.submit(check_one, bodies[k], seconds_bound), time.monotonic())
                except Exception as e:  # a worker that died
                    report.add(j, Outcome("exception", f"worker: {type(e).__name__}: {e}"))
                del pending[j]
                if progress and sum(report.counts.values()) % 500 == 0:
                    progress(report)
                break
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return report
