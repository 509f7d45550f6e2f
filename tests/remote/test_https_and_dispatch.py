"""`https://` against a local web server, and the dispatch of `gs://` and `az://`."""

from __future__ import annotations

import json
import sys
import types
from typing import ClassVar

import fsspec.implementations.memory as memory
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

SKEWED_CSV = "amount,is_fraud\n" + "1.5,0\n" * 95 + "9.0,1\n" * 5


def _findings(result) -> list[dict]:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_https_file_and_index_page(web, run_cli, project) -> None:
    base, root = web
    (root / "sets").mkdir()
    (root / "sets" / "train.csv").write_text(SKEWED_CSV)
    table = pa.table({"label": ["a"] * 60 + ["b"] * 3})
    pq.write_table(table, root / "sets" / "part.parquet")  # http.server: no byte ranges
    (root / "sets" / "readme.txt").write_text("not a dataset")

    one = _findings(run_cli("check", "--output-format", "json", f"{base}/sets/train.csv"))
    assert {(f["code"], f["filename"]) for f in one} == {
        ("IG101", f"{base}/sets/train.csv"),
        ("IG102", f"{base}/sets/train.csv"),
    }

    listed = _findings(run_cli("check", "--output-format", "json", f"{base}/sets/"))
    expected = {f"{base}/sets/train.csv", f"{base}/sets/part.parquet"}
    assert {f["filename"] for f in listed} == expected
    parquet = [f for f in listed if f["filename"].endswith("part.parquet")]
    assert any("a: 60" in f["message"] and "b: 3" in f["message"] for f in parquet)


def test_a_query_string_is_never_shown(web, run_cli, project) -> None:
    base, root = web
    (root / "train.csv").write_text(SKEWED_CSV)
    result = run_cli("check", "--no-color", f"{base}/train.csv?X-Amz-Signature=s3cr3t")
    assert result.exit_code == 1
    assert f"{base}/train.csv?…: IG101" in result.output
    assert "s3cr3t" not in result.output


def test_a_missing_web_file_is_ig001(web, run_cli, project) -> None:
    base, _ = web
    result = run_cli("check", "--no-color", f"{base}/gone.csv")
    assert result.exit_code == 1
    (line,) = [line for line in result.output.splitlines() if "IG001" in line]
    assert line.startswith(f"{base}/gone.csv") and "no such object" in line


@pytest.mark.parametrize(
    ("uri", "module", "command"),
    [
        ("gs://bucket/train.parquet", "gcsfs", "pip install gcsfs"),
        ("gcs://bucket/train.csv", "gcsfs", "pip install gcsfs"),
        ("az://container/train.parquet", "adlfs", "pip install adlfs"),
        ("abfs://container/sets/", "adlfs", "pip install adlfs"),
    ],
)
def test_a_missing_adapter_is_ig001_with_the_pip_command(
    uri, module, command, run_cli, project, monkeypatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails: not installed
    result = run_cli("check", "--no-color", uri)
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if "IG001" in line]
    assert line.startswith(uri) and f"needs the {module} package" in line and command in line


def test_an_unknown_scheme_is_ig001(run_cli, project) -> None:
    result = run_cli("check", "--no-color", "ftp://host/train.csv")
    assert result.exit_code == 1
    assert "ftp:// addresses are not supported" in result.output


class _Store(memory.MemoryFileSystem):
    """fsspec's in-memory filesystem standing in for a cloud adapter."""

    store: ClassVar[dict] = {}
    pseudo_dirs: ClassVar[list] = [""]
    made: ClassVar[list[dict]] = []

    def __init__(self, *args, **kwargs):
        _Store.made.append(kwargs)
        super().__init__()

    @classmethod
    def _strip_protocol(cls, path):
        for scheme in ("gs://", "gcs://", "az://", "abfs://", "abfss://"):
            path = path.removeprefix(scheme)
        return super()._strip_protocol(path)


@pytest.mark.parametrize(
    ("scheme", "module", "attribute"),
    [("gs", "gcsfs", "GCSFileSystem"), ("az", "adlfs", "AzureBlobFileSystem")],
)
def test_gs_and_az_go_through_their_fsspec_adapter(
    scheme, module, attribute, run_cli, project, monkeypatch
) -> None:
    fake = types.ModuleType(module)
    setattr(fake, attribute, _Store)
    monkeypatch.setitem(sys.modules, module, fake)
    monkeypatch.setattr(_Store, "store", {})
    monkeypatch.setattr(_Store, "made", [])
    fs = _Store()
    fs.pipe({"/bucket/sets/train.csv": SKEWED_CSV.encode()})
    _Store.made.clear()

    result = _findings(run_cli("check", "--output-format", "json", f"{scheme}://bucket/sets/"))

    assert {(f["code"], f["filename"]) for f in result} == {
        ("IG101", f"{scheme}://bucket/sets/train.csv"),
        ("IG102", f"{scheme}://bucket/sets/train.csv"),
    }
    assert _Store.made and all(kwargs.get("timeout") == 30 for kwargs in _Store.made)
