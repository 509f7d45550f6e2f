"""Text every output format can write, whatever the file names are.

On POSIX a file name is bytes. Python turns the bytes that are not UTF-8 into lone
surrogates (``os.fsdecode``'s "surrogateescape"), which no UTF-8 writer accepts, so a
report naming such a file crashed with "surrogates not allowed". Every format escapes
them the same, documented way (README, "File names that are not UTF-8"):

* in text, JSON, XML, GitHub commands and baselines, a byte that is not UTF-8 is written
  ``\\xNN`` (Python's ``backslashreplace``; git quotes such names with octal escapes, ruff
  replaces them with U+FFFD — this keeps the byte value and stays readable);
* in a URI (SARIF's ``artifactLocation.uri``) the original bytes are percent-encoded, as
  RFC 3986 wants, so the URI names the real file;
* fingerprints hash the original bytes (see :mod:`imbalance_guard.fingerprint`).

Any other lone surrogate (a notebook's JSON may hold ``"\\ud800"``) is written ``\\uXXXX``.
"""

from __future__ import annotations

import re
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte surrogateescape could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every lone surrogate escaped; unchanged when it is valid Unicode."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub(_escape, text)
    return text


def printable_data(value: Any) -> Any:
    """A JSON-like value (dicts, lists, strings ...) with :func:`printable` strings."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable_data(k): printable_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable_data(v) for v in value]
    return value


def uri_path(path: str) -> str:
    """A relative path as a URI reference: its original bytes, percent-encoded."""
    from urllib.parse import quote  # here: every run loads the formats, few render a URI

    return quote(name_bytes(path))


def _escapable(path: str) -> bool:
    try:
        path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def name_bytes(text: str) -> bytes:
    """The bytes a (file name) string stands for; never fails."""
    return text.encode("utf-8", "surrogateescape" if _escapable(text) else "surrogatepass")
