"""Object stores and web servers through fsspec: listing a prefix, opening an object for
ranged reads, downloading one, and turning each provider's errors into one line for IG001.

Each scheme has its fsspec adapter, installed on demand: ``s3://`` s3fs and ``https://``
aiohttp (both in the ``remote`` extra), ``gs://`` gcsfs, ``az://`` / ``abfs://`` adlfs.
Credentials and endpoints come from each SDK's own environment and configuration
(``AWS_PROFILE``, ``AWS_ENDPOINT_URL``, ``GOOGLE_APPLICATION_CREDENTIALS``,
``AZURE_STORAGE_CONNECTION_STRING`` …); nothing here takes or prints a secret. Every request
has a connect and read timeout (``remote-timeout``) and few retries, so an endpoint that
does not answer is an IG001 within a bounded time, never a hang.

Imported only when an address is checked: the code path never pays for fsspec.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from imbalance_guard.data.uri import SCHEMES, display, scheme_of
from imbalance_guard.records import record

#: What to install for each store when its adapter is missing.
INSTALL = {
    "s3": ("s3fs", "pip install 'imbalance-guard[remote]'"),
    "http": ("aiohttp", "pip install 'imbalance-guard[remote]'"),
    "gcs": ("gcsfs", "pip install gcsfs"),
    "abfs": ("adlfs", "pip install adlfs"),
}

#: Where each store's SDK looks for credentials: the hint of a "no credentials" or
#: "access denied" finding.
CREDENTIALS = {
    "s3": (
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE or another source of the "
        "AWS SDK (and AWS_ENDPOINT_URL for an S3-compatible store)"
    ),
    "gcs": "GOOGLE_APPLICATION_CREDENTIALS, or `gcloud auth application-default login`",
    "abfs": (
        "AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT_NAME with "
        "AZURE_STORAGE_ACCOUNT_KEY or a signed-in `az login`"
    ),
    "http": "a URL the server serves without credentials (a pre-signed URL, say)",
}

#: Retries of a failed request, after the first try (each bounded by the timeout).
RETRIES = 1


class RemoteError(Exception):
    """The store refused or failed a request; ``str()`` is the IG001 message with a hint."""


@record(frozen=True)
class Store:
    """One store's filesystem and how its paths become addresses again."""

    scheme: str
    protocol: str  # the SCHEMES value: s3, gcs, abfs, http
    fs: Any
    timeout: float

    def path(self, uri: str) -> str:
        """The fsspec path of an address (``bucket/key``; the whole URL for http)."""
        return uri if self.protocol == "http" else self.fs._strip_protocol(uri)

    def uri(self, path: str) -> str:
        return path if self.protocol == "http" else f"{self.scheme}://{path.lstrip('/')}"


def store(uri: str, timeout: float) -> Store:
    """The filesystem for an address; RemoteError when the scheme is unknown or its adapter
    is not installed (with the pip command)."""
    scheme = scheme_of(uri) or ""
    protocol = SCHEMES.get(scheme)
    if protocol is None:
        known = ", ".join(f"{s}://" for s in ("s3", "gs", "az", "abfs", "https"))
        raise RemoteError(f"{scheme}:// addresses are not supported; use one of {known}")
    try:
        fs = _filesystem(protocol, timeout)
    except ImportError as exc:
        package, command = INSTALL[protocol]
        raise RemoteError(
            f"reading {scheme}:// needs the {package} package ({exc.name or exc} is not "
            f"installed): {command}"
        ) from None
    return Store(scheme, protocol, fs, timeout)


def _filesystem(protocol: str, timeout: float) -> Any:
    if protocol == "s3":
        import s3fs

        fs = s3fs.S3FileSystem(
            skip_instance_cache=True,  # the environment (credentials, endpoint) is read anew
            config_kwargs={
                "connect_timeout": timeout,
                "read_timeout": timeout,
                "retries": {"total_max_attempts": 1 + RETRIES, "mode": "standard"},
            },
        )
        fs.retries = 1  # one try in s3fs's own retry loop: botocore already retries
        return fs
    if protocol == "http":
        import aiohttp
        from fsspec.implementations.http import HTTPFileSystem

        limits = aiohttp.ClientTimeout(
            total=None, connect=timeout, sock_connect=timeout, sock_read=timeout
        )
        return HTTPFileSystem(skip_instance_cache=True, client_kwargs={"timeout": limits})
    if protocol == "gcs":
        import gcsfs

        return gcsfs.GCSFileSystem(skip_instance_cache=True, timeout=timeout)
    import adlfs

    return adlfs.AzureBlobFileSystem(skip_instance_cache=True, timeout=timeout)


@contextmanager
def errors(where: Store | str, uri: str) -> Iterator[None]:
    """Raise any failure of a request as RemoteError, explained for the user."""
    try:
        yield
    except RemoteError:
        raise
    except Exception as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit, MemoryError)):
            raise
        raise RemoteError(explain(exc, where, uri)) from None


def explain(exc: BaseException, where: Store | str, uri: str) -> str:
    """One line: what the provider said, and what to do about it (``where``: the store,
    or the address's scheme)."""
    protocol = where.protocol if isinstance(where, Store) else SCHEMES.get(where, where)
    timeout = where.timeout if isinstance(where, Store) else None
    name = type(exc).__name__
    said = first_line(exc)
    shown = display(uri)
    if isinstance(exc, ImportError):
        package, command = INSTALL.get(protocol, INSTALL["s3"])
        return f"reading {shown} needs the {package} package: {command}"
    if name in ("NoCredentialsError", "PartialCredentialsError", "DefaultCredentialsError"):
        return f"no credentials found ({said}); set {CREDENTIALS[protocol]}"
    if _is_timeout(exc):
        limit = f"{timeout:g} s" if timeout is not None else "the time limit"
        return (
            f"no answer from the store within {limit} ({said or name}); check the endpoint "
            "and the network, or raise `remote-timeout` in [tool.imbalance-guard.data]"
        )
    if isinstance(exc, PermissionError) or "AccessDenied" in said or "Forbidden" in said:
        return f"access denied ({said}); check that {CREDENTIALS[protocol]} may read {shown}"
    if isinstance(exc, FileNotFoundError) or "NoSuchBucket" in said or "NoSuchKey" in said:
        what = "no such bucket" if "bucket" in said.lower() else "no such object or prefix"
        bare = said.strip("'\" ")  # s3fs says only the path: nothing to add
        detail = "" if not bare or uri.endswith(bare) or bare in (uri, shown) else f" ({said})"
        return f"{what}{detail}; check the address and that it was uploaded"
    if "Connect" in name or "Connection refused" in said or name == "ClientConnectorError":
        return f"cannot connect ({said or name}); check the endpoint (AWS_ENDPOINT_URL, …)"
    return f"cannot read {shown}: {said or name}"


def _is_timeout(exc: BaseException) -> bool:
    if isinstance(exc, TimeoutError):  # socket.timeout and asyncio.TimeoutError too
        return True
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:  # the cause of a wrapper
        seen.add(id(current))
        if "Timeout" in type(current).__name__ or isinstance(current, TimeoutError):
            return True
        current = current.__cause__ or current.__context__
    return False


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    return first[:300] + ("…" if len(first) > 300 else "")


@record(frozen=True)
class Found:
    """An object to check: its address and its name (the last part of its key)."""

    uri: str
    name: str


def expand(target_uri: str, timeout: float) -> list[Found]:
    """The objects an address names: itself when it is an object, else every object under
    it (a prefix, a bucket, a web server's index page), in key order."""
    st = store(target_uri, timeout)
    path = st.path(target_uri)
    with errors(st, target_uri):
        if st.protocol == "http":
            return _expand_http(st, target_uri)
        info = st.fs.info(path)
        if info.get("type") != "directory":
            return [Found(target_uri, _name(path))]
        found = sorted(st.fs.find(path, withdirs=False))
    return [Found(st.uri(p), _name(p)) for p in found]


def _expand_http(st: Store, url: str) -> list[Found]:
    # A web server has no folders: a URL whose path ends in "/" is an index page whose
    # links are listed; any other URL is one file.
    if not url.split("?", 1)[0].endswith("/"):
        return [Found(url, _name(url.split("?", 1)[0]))]
    links = st.fs.ls(url, detail=False)
    prefix = url.split("?", 1)[0]
    under = sorted({link for link in links if link.startswith(prefix) and link != prefix})
    return [Found(link, _name(link)) for link in under if not link.endswith("/")]


def _name(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


@contextmanager
def open_ranged(uri: str, timeout: float) -> Iterator[IO[bytes]]:
    """The object as a seekable file whose every read is one ranged request, with no
    read-ahead: a reader that asks for a column chunk fetches that chunk only."""
    st = store(uri, timeout)
    with errors(st, uri):
        handle = st.fs.open(st.path(uri), "rb", cache_type="none")
    try:  # the reads' errors are the caller's to tell from a corrupt file
        yield handle
    finally:
        handle.close()


def download(uri: str, destination: str, timeout: float) -> None:
    """Copy the whole object to a local file, streaming (memory does not grow with it)."""
    st = store(uri, timeout)
    streaming = {"block_size": 0} if st.protocol == "http" else {}  # no Range needed
    with (
        errors(st, uri),
        st.fs.open(st.path(uri), "rb", **streaming) as src,
        open(destination, "wb") as out,
    ):
        shutil.copyfileobj(src, out, 1 << 20)
