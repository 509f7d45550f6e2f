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

Values from the checked files — a class value, a column or file name — may also hold
control characters: an escape sequence (``\\x1b[31m``) recolours or rewrites the terminal,
``\\r`` returns to the start of the line, a bidirectional override (U+202E, "Trojan
Source") reorders what is shown, and XML 1.0 cannot hold ``\\x01`` at all. :func:`visible`
writes each as an escape (``\\x1b``, ``\\r``, ``\\u202e``) in every human-readable field of
every format; JSON formats keep the exact value and escape it the JSON way
(:func:`json_text`).
"""

from __future__ import annotations

import functools
import re
from typing import Any

# Patterns are kept as text and compiled on first use (once: ``re``'s own cache may evict):
# most runs print nothing that needs escaping, and every start would pay for compiling them.
_compiled = functools.cache(re.compile)
_LONE_SURROGATE = "[\ud800-\udfff]"


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
        return _compiled(_LONE_SURROGATE).sub(_escape, text)
    return text


# DEL, C1 controls, the bidirectional marks, embeddings, overrides and isolates, the
# Unicode line and paragraph separators, and the two noncharacters XML cannot hold: what
# JSON leaves raw in a string.
_WIDE = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff"
_RAW_IN_JSON = f"[{_WIDE}]"
# ... and every C0 control (tab and line feed too: a value is one line), or all but the
# line feed for a value of several lines.
_CONTROL = f"[\x00-\x1f{_WIDE}]"
_CONTROL_KEEP_NEWLINES = f"[\x00-\x09\x0b-\x1f{_WIDE}]"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape_control(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, newlines: bool = False) -> str:
    """``text`` as :func:`printable` makes it, with every control character escaped, so
    that a value from a checked file cannot move the cursor, change colours or reorder
    the line it is shown on. ``newlines=True`` keeps line feeds (a multi-line help)."""
    pattern = _CONTROL_KEEP_NEWLINES if newlines else _CONTROL
    return _compiled(pattern).sub(_escape_control, printable(text))


def json_text(text: str) -> str:
    """JSON ``text`` (as ``json.dumps(..., ensure_ascii=False)`` writes it) with every
    control character that JSON leaves raw (DEL, C1, bidirectional controls, separators)
    written as a ``\\uXXXX`` escape: the same JSON value, safe to print. Outside strings
    JSON has no such characters, so replacing them anywhere is exact."""
    return _compiled(_RAW_IN_JSON).sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
