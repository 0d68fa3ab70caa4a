"""Recall and precision of the extractor (metrics/extraction) on annotated Vietnamese texts.

    python bench/extraction_quality.py [--details] [--markdown] [FILE.yaml ...]

Each file lists texts with their figures (the number as written, its value before scale, unit, qualifier, total,
plan percent, direction) and the numbers that are not figures. A figure is found when a candidate's number holds
the figure's number and reads the same value (a percent of plan standing alone: the same plan percent). Recall:
figures found / figures; precision: candidates that are figures / candidates. Among the figures found, the share
whose unit, qualifier, total, plan and direction also match is reported as 'fields right'; and the share of the
numbers that are not figures which no candidate took as one ('skips right').

Default files: tests/extraction/sources.yaml (the two documents of data/sources), tests/extraction/rules.yaml (one
sentence per rule, written with the rules), tests/extraction/heldout.yaml, heldout2.yaml and heldout3.yaml
(texts written blind to the rules by other hands; the rules were corrected after the first two were scored, never
after the third)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics.extraction.quality import score, texts_of  # noqa: E402

FILES = ("tests/extraction/sources.yaml", "tests/extraction/rules.yaml", "tests/extraction/heldout.yaml", "tests/extraction/heldout2.yaml",
         "tests/extraction/heldout3.yaml")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", default=list(FILES))
    ap.add_argument("--details", action="store_true", help="print each miss, each extra candidate and each wrong field")
    ap.add_argument("--markdown", action="store_true", help="print the table for bench/README.md")
    args = ap.parse_args()
    rows = []
    for f in args.files:
        path = ROOT / f if not Path(f).is_absolute() else Path(f)
        if args.details:
            print(f"== {f}")
        rows.append((f, score(texts_of(path, ROOT), args.details)))
    if args.markdown:
        print("| texts | words | figures | found | recall | candidates | precision | fields right | skips right |")
        print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for f, r in rows:
        if args.markdown:
            print(f"| {Path(f).name} ({r['texts']}) | {r['words']:,} | {r['figures']} | {r['found']} | **{r['recall']:.3f}** | "
                  f"{r['candidates']} | **{r['precision']:.3f}** | {r['fields']:.3f} | {r['skip_rate']:.3f} |")
        else:
            print(f"{f}: recall {r['recall']:.3f} ({r['found']}/{r['figures']}), precision {r['precision']:.3f} "
                  f"({r['real']}/{r['candidates']}), fields right {r['fields']:.3f}, skips right {r['skip_rate']:.3f} "
                  f"({r['skips_right']}/{r['skips']}); {r['texts']} texts, {r['words']:,} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
