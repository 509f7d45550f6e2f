"""Addresses on the command line: what counts as one, how it is shown, what it costs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from imbalance_guard.data.uri import display, is_uri
from tests.test_lazy_imports import run_probe

REMOTE_STACK = ("fsspec", "s3fs", "botocore", "aiobotocore", "aiohttp", "gcsfs", "adlfs")


def test_checking_code_imports_no_remote_package(project) -> None:
    (project / "train.py").write_text("print('hello')\n")
    result = run_probe(project, "train.py")
    assert result["code"] == 0
    loaded = {m.split(".")[0] for m in result["modules"]}
    assert not loaded & set(REMOTE_STACK), sorted(loaded & set(REMOTE_STACK))
    assert "imbalance_guard.data.remote" not in result["modules"]


def test_what_is_an_address() -> None:
    for text in ("s3://b/k.csv", "S3://b", "https://h/x.parquet", "abfss://c@a/x", "ftp://h/x"):
        assert is_uri(text), text
    for text in ("C://data/x.csv", "s3:/b/k.csv", "data/s3://x", "./s3://x", "train.csv", ""):
        assert not is_uri(text), text


_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="#?@/")
_text = st.text(_chars, min_size=1)


@given(host=_text, path=_text, user=_text, secret=_text, query=_text)
def test_a_password_or_query_string_is_never_shown(host, path, user, secret, query) -> None:
    secret = "SECRET" + secret
    shown = display(f"https://{user}:{secret}@{host}/{path}?sig={secret}")
    assert "SECRET" not in shown
    assert shown.endswith("?…")
    assert display(f"s3://{host}/{path}") == f"s3://{host}/{path}"
