"""GitHub Actions workflow commands (``--output-format github``).

One ``::error`` command per finding, which GitHub turns into an annotation on the pull
request's diff::

    ::error file=train.py,line=22,col=53,endLine=22,endColumn=58,title=IG301 …::message

Paths are relative to the project root (run the check from the repository root, as a
workflow does). Notebook findings are placed on the ``.ipynb`` lines holding the flagged code
(see :mod:`imbalance_guard.report.positions`) with "cell N, line M" in the message; dataset
findings are file-level annotations (no line). A dataset whose labels were not checked
(no label column recognised) is a file-level ``::warning``.

Values from the checked files are :func:`~imbalance_guard.report.printable.visible`: a
control character in a class value or file name is an escape in the annotation, never raw.
"""

from __future__ import annotations

from imbalance_guard import hookimpl
from imbalance_guard.findings import Finding
from imbalance_guard.report.base import Formatter, RenderOptions, Report
from imbalance_guard.report.positions import PositionMapper, where_in_notebook
from imbalance_guard.report.printable import visible


def escape_data(text: str) -> str:
    """Escape a command's message (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (GitHub's ``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, report: Report, mapper: PositionMapper) -> str:
    rule = report.rules.get(finding.code)
    title = f"{finding.code} {rule.name}" if rule else finding.code
    position = mapper.position(finding)
    properties = [("file", visible(report.relative_path(finding.location.path)))]
    if position.line is not None:
        properties.append(("line", str(position.line)))
        if position.column is not None:
            properties.append(("col", str(position.column)))
        if position.end_line is not None:
            properties.append(("endLine", str(position.end_line)))
        if position.end_column is not None and position.column is not None:
            properties.append(("endColumn", str(position.end_column)))
    properties.append(("title", title))
    message = f"{where_in_notebook(finding)}{visible(finding.message)}"
    if finding.suggestion:
        message += f"\nHelp: {visible(finding.suggestion, newlines=True)}"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::error {props}::{escape_data(message)}"


def unlabelled(path: str, warning: str, report: Report) -> str:
    """A file-level warning for a dataset whose labels were not checked."""
    file = escape_property(visible(report.relative_path(path)))
    title = escape_property("no label column recognised")
    return f"::warning file={file},title={title}::{escape_data(visible(warning))}"


def render(report: Report, options: RenderOptions) -> str:
    mapper = PositionMapper(known=report.positions)
    lines = [command(f, report, mapper) for f in report.findings]
    lines += [unlabelled(path, text, report) for path, text in report.unlabelled.items()]
    return "".join(f"{line}\n" for line in lines)


@hookimpl
def ig_formatters() -> list[Formatter]:
    return [
        Formatter("github", "GitHub Actions annotations (workflow commands) on the diff", render)
    ]
