"""The console script ``imbalance-guard`` and ``python -m imbalance_guard``.

It pauses the garbage collector before the tool is imported (:mod:`.collector`: the
runner resumes it), runs :func:`imbalance_guard.cli.main`, and leaves through
:mod:`.quick_exit`, skipping the interpreter's teardown where that is safe. An embedding
or a test calls ``cli.main``, which raises ``SystemExit`` as usual and changes nothing
in the collector.
"""

from __future__ import annotations

from imbalance_guard import collector

collector.pause()


def entry() -> None:
    from imbalance_guard.cli import EXIT_CLEAN, main
    from imbalance_guard.quick_exit import leave

    try:
        main()
        status: object = EXIT_CLEAN
    except SystemExit as exc:
        status = exc.code
    leave(status)
