"""Leaving the process without tearing down every module.

At a normal exit the interpreter clears every module and frees every object one by one:
about 14 ms of a one-file run, where the whole start-up of a pre-commit hook is about 80.
The console script skips that teardown when nothing needs it. Output is flushed and exit
handlers run first, as at a normal exit; anything unusual takes the normal way out: a
thread still running (a normal exit waits for it), a worker pool (a normal exit
unregisters its semaphores, or the resource tracker warns), a status that is not a number
(``sys.exit`` prints it), output that cannot be flushed (a closed pipe).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn


def leave(status: object) -> NoReturn:
    """Exit with ``status`` as ``sys.exit`` would, skipping the teardown where it is safe."""
    code = 0 if status is None else status
    if type(code) is not int or not _nothing_to_wait_for():
        sys.exit(status)
    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    try:
        if run_exit_handlers is not None:
            run_exit_handlers()  # CPython clears them once run: none runs twice
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BaseException:
        sys.exit(status)
    if run_exit_handlers is None:
        sys.exit(status)
    os._exit(code)


def _nothing_to_wait_for() -> bool:
    return threading.active_count() == 1 and "multiprocessing" not in sys.modules
