"""Progress on stderr for a dataset that takes more than about a second to scan.

Shown only when stderr is a terminal, so logs, pipes and CI output stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

DELAY = 1.0  # seconds before the first update: quick files never show progress
INTERVAL = 0.2  # seconds between updates


class Progress:
    """``with Progress(path, total_bytes) as p: p.update(done_bytes)``."""

    def __init__(self, name: str, total: int, stream: TextIO | None = None, force: bool = False):
        self.name = name
        self.total = max(total, 1)
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = force or _is_terminal(self.stream)
        self.start = time.monotonic()
        self.last = 0.0
        self.shown = False

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < DELAY or now - self.last < INTERVAL:
            return
        self.last = now
        share = min(done / self.total, 1.0)
        text = (
            f"\rimbalance-guard: scanning {self.name}: {share:4.0%} "
            f"({done / 1e6:,.0f} of {self.total / 1e6:,.0f} MB, {now - self.start:.0f} s)"
        )
        self.stream.write(text)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")  # clear the line: the report follows
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
