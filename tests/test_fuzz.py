"""Seeded mutants of the fixture's metric files, each loaded beside a valid file: no exception escapes the load,
no load stalls, read = loaded + rejected, and nothing is lost without a problem naming its file. The longer run
(ten thousand mutants and more) is bench/fuzz_load.py; its counts are in bench/README.md."""

from mutate import run


def test_mutated_files_never_crash_stall_or_lose_figures_silently():
    report = run(400, seed=20261127, seconds_bound=10.0)
    assert sum(report.counts.values()) == 400
    failures = {k: v[:3] for k, v in report.examples.items()}
    assert report.counts["ok"] == 400, failures
