"""Real protocols on 127.0.0.1: an S3-compatible server (moto) and a web server.

Every request the S3 server answers is recorded (method, path, Range header, bytes sent),
so tests can prove which bytes of an object were read. A bucket named ``private`` answers
every request with S3's 403 AccessDenied, as a bucket policy that denies these
credentials would. No traffic leaves the machine: the endpoint is ``AWS_ENDPOINT_URL``
on 127.0.0.1 and the instance-metadata lookup is disabled.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("s3fs", reason="the remote extra: pip install -e '.[test]'")

#: Credentials of the test server only; tests assert it is never printed.
SECRET = "ig-test-secret-never-printed"

DENIED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
    b"<Message>Access Denied</Message><RequestId>1</RequestId></Error>"
)


@dataclass
class S3Server:
    endpoint: str
    log: list[dict] = field(default_factory=list)

    def requests_for(self, path: str) -> list[dict]:
        return [e for e in self.log if e["path"] == path]


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    from moto.moto_server.threaded_moto_server import MotoRequestHandler
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    app = DomainDispatcherApplication(create_backend_app)
    server_log: list[dict] = []

    def recorded(environ, start_response):
        entry = {
            "method": environ["REQUEST_METHOD"],
            "path": environ["PATH_INFO"],
            "range": environ.get("HTTP_RANGE"),
            "bytes": 0,
        }
        server_log.append(entry)
        if environ["PATH_INFO"].split("/")[1:2] == ["private"]:
            start_response("403 Forbidden", [("Content-Type", "application/xml")])
            yield DENIED
            return
        for chunk in app(environ, start_response):
            entry["bytes"] += len(chunk)
            yield chunk

    server = make_server("127.0.0.1", 0, recorded, True, request_handler=MotoRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state = S3Server(f"http://127.0.0.1:{server.server_port}", server_log)
    yield state
    server.shutdown()


@pytest.fixture
def s3(s3_server: S3Server, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """The S3 server's filesystem, with the environment a user would set for it."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "ig-test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", s3_server.endpoint)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    import urllib.request

    import s3fs

    reset = urllib.request.Request(f"{s3_server.endpoint}/moto-api/reset", method="POST")
    urllib.request.urlopen(reset, timeout=30).close()  # every test starts with no bucket
    fs = s3fs.S3FileSystem(skip_instance_cache=True)
    s3_server.log.clear()
    return fs


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``http.server`` serving a fresh folder on 127.0.0.1: (base URL, folder)."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", root
    server.shutdown()
    server.server_close()
