"""Where every benchmark writes its figures: its block of bench/README.md, between <!-- NAME:start --> and
<!-- NAME:end -->, replaced whole (appended at the end the first time)."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def write_block(name: str, block: str, readme: Path = README) -> None:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    whole = f"{start}\n{block}\n{end}"
    text = text[: text.index(start)] + whole + text[text.index(end) + len(end):] if start in text else text + "\n" + whole + "\n"
    readme.write_text(text, encoding="utf-8")
