"""Reading a report for the extractor: plain text (.txt, .md, pasted) or a Word file (.docx: its paragraphs and the
cells of its tables, in document order). The text returned is the one saved beside the metric file, so it obeys
the rules every source text of data/ obeys (UTF-8, no control characters, NFC, bounded)."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

from metrics.loading.kind import TEXT_LIMIT
from metrics.loading.yamlsafe import YamlProblem, decode, read_bounded

DOCX_LIMIT = 20 * 1024 * 1024  # bytes of a Word file: its pictures weigh more than its text
DOCX_UNPACKED_LIMIT = 100 * 1024 * 1024  # bytes once unzipped: a 'zip bomb' is refused before it is opened
KINDS = (".txt", ".md", ".docx")


class Unreadable(ValueError):
    """A report the extractor cannot read, with what to do about it; code names the case for a page that says
    it in the reader's language (empty, binary, size, not_docx, docx, text)."""

    def __init__(self, message: str, hint: str, code: str = "text"):
        super().__init__(f"{message} ({hint})")
        self.message, self.hint, self.code = message, hint, code


def read_report(path: str | Path) -> str:
    """The text of a report on disk."""
    path = Path(path)
    limit = DOCX_LIMIT if path.suffix.lower() == ".docx" else TEXT_LIMIT
    try:
        raw = read_bounded(path, limit)
    except YamlProblem as e:
        code = "size" if "over the limit" in e.message else "text"
        raise Unreadable(e.message, "split the report into parts" if code == "size" else e.hint, code) from None
    return report_text(path.name, raw)


def report_text(name: str, raw: bytes) -> str:
    """The text of a report given as bytes (an upload): a Word file by its content, anything else as UTF-8 text."""
    if raw[:4] == b"PK\x03\x04":
        if len(raw) > DOCX_LIMIT:
            raise Unreadable(f"{name} is {len(raw):,} bytes, over the limit of {DOCX_LIMIT:,}", "save the report without its pictures", "size")
        return _checked(docx_text(raw, name))
    if Path(name).suffix.lower() == ".docx":
        raise Unreadable(f"{name} is not a Word file (.docx)", "open it in Word or LibreOffice and save it as .docx, or paste its text",
                         "not_docx")
    if len(raw) > TEXT_LIMIT:
        raise Unreadable(f"{name} is {len(raw):,} bytes, over the limit of {TEXT_LIMIT:,}", "split the report into parts", "size")
    if b"\x00" in raw[:8192]:
        raise Unreadable(f"{name} is a binary file, not text", "give a .txt, .md or .docx file, or paste the report's text", "binary")
    try:
        return _checked(decode(raw))
    except YamlProblem as e:
        raise Unreadable(f"{name}: {e.message}" + (f" on line {e.line}" if e.line else ""), e.hint) from None


def docx_text(raw: bytes, name: str = "the file") -> str:
    """A Word file's paragraphs and table cells in document order: one line per paragraph, a table row's cells
    joined by ' | ' (a label and its figure stay on one line)."""
    import docx  # imported on use: the dashboard starts without it

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            if sum(i.file_size for i in z.infolist()) > DOCX_UNPACKED_LIMIT:
                raise Unreadable(f"{name} unpacks to more than {DOCX_UNPACKED_LIMIT:,} bytes", "save the report without its pictures", "size")
        document = docx.Document(io.BytesIO(raw))
        lines: list[str] = []
        _blocks(document, lines)
    except Unreadable:
        raise
    except Exception as e:  # a damaged or foreign zip: python-docx and lxml raise many kinds
        raise Unreadable(f"{name} cannot be read as a Word file ({type(e).__name__})",
                         "open it in Word or LibreOffice and save it again as .docx, or paste its text", "docx") from None
    return "\n\n".join(line for line in lines if line.strip())


def _blocks(container, lines: list[str]) -> None:
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell comes back once per grid column it spans
                        continue
                    seen.add(id(cell._tc))
                    inner: list[str] = []
                    _blocks(cell, inner)
                    cells.append(" ".join(part.strip() for part in inner if part.strip()))
                lines.append(" | ".join(c for c in cells if c))
        else:
            lines.append(block.text)


def _checked(text: str) -> str:
    """NFC (a text typed on a keyboard that composes differently matches the same words) and the rules of a
    source text of data/."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    if not text.strip():
        raise Unreadable("the report holds no text", "paste the report's text, or give a .txt, .md or .docx file", "empty")
    try:
        return decode(text.encode("utf-8"))
    except YamlProblem as e:
        raise Unreadable(e.message + (f" on line {e.line}" if e.line else ""), e.hint) from None
