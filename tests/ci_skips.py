"""No silent skip in CI: under ``CI=true`` a skipped test fails, unless it is allow-listed.

A skip on a developer's machine is information (Java is not installed, ``../shared`` is
not checked out); in CI it hides a test that was meant to run, as the Spark tests did. So
when the ``CI`` environment variable is true, every skip — whatever its reason, a missing
module, program or file included — is turned into a failure that quotes the reason, except
for the tests listed in ``ALLOWED`` below, each with why it may skip. This is the only
allow-list; the README's "Development" section points here.

Registered by tests/conftest.py for the whole session (tests/ and plugins/).
"""

from __future__ import annotations

import os

import pytest

#: Node-id prefixes (a file, or ``file::test``) that may skip in CI, and why. Empty: the
#: Spark tests, once here, run in CI in their own environment (.ci/run, README "PySpark
#: tests"); a run without Spark skips them, and under CI=true that skip fails.
ALLOWED: dict[str, str] = {}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def allowed(nodeid: str) -> bool:
    return any(nodeid == prefix or nodeid.startswith(prefix + "::") for prefix in ALLOWED)


def _reason(longrepr: object) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _message(nodeid: str, longrepr: object) -> str:
    return (
        f"{nodeid} was skipped under CI=true: {_reason(longrepr)}\n"
        "Install what it needs in CI, or add it with the reason to ALLOWED in tests/ci_skips.py."
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    skipped = report.skipped and not hasattr(report, "wasxfail")  # an xfail is not a skip
    if skipped and in_ci() and not allowed(report.nodeid):
        report.outcome = "failed"
        report.longrepr = _message(report.nodeid, report.longrepr)


_SKIPPED_FILES = pytest.StashKey[list[str]]()


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    # A module-level skip (``allow_module_level=True``, ``importorskip`` at import time)
    # skips the whole file at collection, before any test report exists. Making it a
    # collection error would interrupt the session; it is listed and fails the run instead.
    outcome = yield
    report = outcome.get_result()
    if report.skipped and in_ci() and not allowed(report.nodeid):
        found = collector.config.stash.setdefault(_SKIPPED_FILES, [])
        found.append(_message(report.nodeid, report.longrepr))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    found = terminalreporter.config.stash.get(_SKIPPED_FILES, [])
    if found:
        terminalreporter.write_sep("=", "files skipped under CI=true (the run fails)", red=True)
        for message in found:
            terminalreporter.write_line(message)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    if session.config.stash.get(_SKIPPED_FILES, []) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
