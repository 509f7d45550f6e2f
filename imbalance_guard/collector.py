"""The cyclic garbage collector, paused while the console script starts.

Importing the tool, its rules and its plugins creates tens of thousands of objects and
no garbage cycles worth collecting. The collector, which runs after every 700 new
objects, still ran 28 times during a one-file run and walked them: 3 ms of a 55 ms
pre-commit hook. The console script pauses it before importing anything else
(:mod:`imbalance_guard.console`); the runner resumes it before the first file is
checked, with the thresholds its worker processes use, so the memory of a long run is
collected as usual.

Only a pause made here is resumed here: a program that embeds imbalance-guard and
switched the collector off itself keeps it off.
"""

from __future__ import annotations

import gc

#: The collector's thresholds while files are checked (the interpreter's default is 700,
#: 10, 10): an analysis allocates many short-lived objects and few cycles, and every few
#: collections walk everything the interpreter holds.
CHECKING_THRESHOLDS = (50_000, 20, 20)

_paused = False


def pause() -> None:
    """Switch the collector off until :func:`resume`, if it is on."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Switch the collector back on if :func:`pause` switched it off.

    What start-up created is frozen first (``gc.freeze``): it lives as long as the run,
    and no later collection needs to walk it again.
    """
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.set_threshold(*CHECKING_THRESHOLDS)
        gc.enable()
