"""Progress on stderr while a large dataset is read: shown on a terminal only."""

from __future__ import annotations

import io

import pytest

from imbalance_guard.config import Config
from imbalance_guard.data import progress, read_arrow, read_csv, read_jsonl
from imbalance_guard.discover import Target
from tests.data.conftest import write_dataset


def test_progress_is_shown_after_the_delay_and_cleared(monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    stream = io.StringIO()
    with progress.Progress("big.csv", 2_000_000, stream=stream, force=True) as p:
        p.update(1_000_000)
    text = stream.getvalue()
    assert "scanning big.csv:  50% (1 of 2 MB" in text
    assert text.endswith("\r\x1b[2K")


def test_progress_is_silent_when_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stream = io.StringIO()  # isatty() is False
    with progress.Progress("big.csv", 100, stream=stream) as p:
        p.update(50)
    assert stream.getvalue() == ""


def test_progress_is_silent_for_quick_files():
    stream = io.StringIO()
    with progress.Progress("small.csv", 100, stream=stream, force=True) as p:
        p.update(50)  # well under a second after the start
    assert stream.getvalue() == ""


@pytest.mark.parametrize("name", ["d.csv", "d.parquet", "d.jsonl", "d.feather"])
def test_reader_reports_progress_on_a_terminal(tmp_path, monkeypatch, capsys, name):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    columns = {"id": list(range(5000)), "label": [i % 2 for i in range(5000)]}
    path = write_dataset(tmp_path / name, columns)
    config = Config(root=tmp_path)
    config.settings = {"data": {"label": "label", "max-classes": 50}}
    fmt = {"csv": "csv", "parquet": "parquet", "jsonl": "jsonl", "feather": "feather"}[name[2:]]
    module = {"csv": read_csv, "jsonl": read_jsonl}.get(fmt, read_arrow)
    dataset = module.ig_read_dataset(target=Target(path, name, "dataset", fmt), config=config)
    assert dataset.labels[0].counts == {"0": 2500, "1": 2500}
    assert f"imbalance-guard: scanning {name}:" in capsys.readouterr().err


def test_cli_prints_no_progress_when_stderr_is_not_a_terminal(project, run_cli, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    rows = "".join(f"{i},{i % 2}\n" for i in range(5000))
    (project / "d.csv").write_text("id,label\n" + rows)
    result = run_cli("check", "d.csv")
    assert result.exit_code == 0
    assert "scanning" not in result.output
