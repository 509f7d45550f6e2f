"""Addresses of datasets in object stores and on the web: ``s3://``, ``gs://``, ``az://``,
``abfs://``, ``https://``.

Pure standard library: discovery and the CLI ask :func:`is_uri` of every argument, and
checking code must not pay for the remote-access packages (``data/remote.py`` imports them,
only when an address is given).
"""

from __future__ import annotations

import re

#: Scheme -> the store it names (and the fsspec protocol that reads it).
SCHEMES: dict[str, str] = {
    "s3": "s3",
    "s3a": "s3",
    "gs": "gcs",
    "gcs": "gcs",
    "az": "abfs",
    "abfs": "abfs",
    "abfss": "abfs",
    "http": "http",
    "https": "http",
}

# Two letters at least: ``C:/data`` is a Windows path, not an address.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+)://")

#: Seconds to wait for a connection or for the next bytes of an answer, and the bounds of
#: the ``[tool.imbalance-guard.data] remote-timeout`` setting.
DEFAULT_TIMEOUT = 30
TIMEOUT_BOUNDS = (1, 3600)


def scheme_of(text: str) -> str | None:
    """The scheme of ``scheme://…`` in lower case, or None for a local path."""
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def is_uri(text: object) -> bool:
    """Whether a command-line argument is an address (``scheme://…``), not a local path."""
    return isinstance(text, str) and scheme_of(text) is not None


def display(uri: str) -> str:
    """The address as findings show it: without a query string or a password, which may
    hold a secret (a pre-signed URL's signature, ``user:password@``). Never raises: the
    text is split by hand, as ``urlsplit`` refuses some hosts (``[``)."""
    scheme, _, rest = uri.partition("://")
    rest, _, query = rest.split("#", 1)[0].partition("?")
    netloc, slash, path = rest.partition("/")
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    return f"{scheme}://{netloc}{slash}{path}" + ("?…" if query else "")


def timeout_of(settings: dict) -> float:
    """The ``remote-timeout`` of the ``[tool.imbalance-guard.data]`` settings."""
    return float(settings.get("data", {}).get("remote-timeout", DEFAULT_TIMEOUT))
