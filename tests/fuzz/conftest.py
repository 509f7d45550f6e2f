"""Report how many inputs each fuzzer ran through the CLI (the closing summary)."""

from __future__ import annotations

from fuzz.harness import PROFILE, RUNS


def pytest_terminal_summary(terminalreporter) -> None:
    if not RUNS:
        return
    terminalreporter.section(f"imbalance-guard fuzz runs ({PROFILE} profile)")
    for name, count in sorted(RUNS.items()):
        terminalreporter.write_line(f"{count:7d}  {name}")
    terminalreporter.write_line(f"{sum(RUNS.values()):7d}  in total")
