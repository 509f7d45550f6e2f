"""Exact counts however a file is cut into pieces or batches, and progress on a terminal."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.config import Config
from imbalance_guard.data import progress, read_csv
from imbalance_guard.data.classes import NULL_TEXT
from imbalance_guard.discover import Target

# Raw CSV text of a label; '"q,x"' is a quoted value with the delimiter inside (label q,x),
# "longlong..." makes a line longer than some pieces, margins and blocks.
LABELS = st.sampled_from(
    ["0", "1", "2", "yes", "no", "", "NA", "héllo", "x y", '"q,x"', "long" * 30]
)


def unquoted(label: str) -> str:
    return label[1:-1] if label.startswith('"') else label


def profile_of(path, fmt="csv"):
    config = Config(root=path.parent)
    config.settings = {"data": {"label": "label", "max-classes": 50}}
    target = Target(path, path.name, "dataset", fmt)
    return read_csv.ig_read_dataset(target=target, config=config)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    labels=st.lists(LABELS, min_size=1, max_size=300),
    piece=st.integers(8, 400),
    margin=st.integers(1, 64),
    block=st.integers(8, 256),
    newline=st.sampled_from(["\n", "\r\n"]),
    blank_lines=st.booleans(),
    final_newline=st.booleans(),
)
@pytest.mark.parametrize("engine", ["C scan, then pyarrow", "pyarrow only"])
def test_pieces_count_every_row_exactly(
    tmp_path, monkeypatch, engine, labels, piece, margin, block, newline, blank_lines,
    final_newline,
):
    if engine == "pyarrow only":
        monkeypatch.setattr(read_csv, "_scanner", lambda *args: None)
    monkeypatch.setattr(read_csv, "PIECE", piece)
    # Lines longer than the margin past a piece, and than pyarrow's block, take other paths.
    monkeypatch.setattr(read_csv, "MARGIN", margin)
    monkeypatch.setattr(read_csv, "BLOCK", block)
    rows = [f"{i},{label}" for i, label in enumerate(labels)]
    if blank_lines:
        rows = [row for i, row in enumerate(rows) for row in ([row, ""] if i % 7 == 3 else [row])]
    text = newline.join(["id,label", *rows]) + (newline if final_newline else "")
    path = tmp_path / "d.csv"
    path.write_bytes(text.encode("utf-8"))
    dataset = profile_of(path)
    expected = Counter(unquoted(label) for label in labels if label not in NULL_TEXT)
    missing = sum(1 for label in labels if label in NULL_TEXT)
    if not expected:
        assert dataset.labels == () or dataset.labels[0].counts == {}
        return
    (label,) = dataset.labels
    assert label.counts == dict(expected)
    assert label.missing == missing
    assert label.rows == len(labels)


def test_large_file_uses_pieces_and_matches_the_stream(tmp_path, monkeypatch):
    rows = "".join(f"{i},{i % 3},{'abc'[i % 3]}\n" for i in range(20_000))
    (tmp_path / "d.csv").write_text("id,label,other\n" + rows)
    monkeypatch.setattr(read_csv, "PIECE", 4096)
    pieces = profile_of(tmp_path / "d.csv").labels[0]
    monkeypatch.setattr(read_csv, "PIECE", 1 << 30)
    stream = profile_of(tmp_path / "d.csv").labels[0]
    assert pieces == stream
    assert pieces.counts == {"0": 6667, "1": 6667, "2": 6666}


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


@pytest.mark.parametrize("pieces", [True, False])
def test_reader_reports_progress_on_a_terminal(tmp_path, monkeypatch, capsys, pieces):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    monkeypatch.setattr(progress, "_is_terminal", lambda stream: True)
    monkeypatch.setattr(read_csv, "PIECE", 2048 if pieces else 1 << 30)
    rows = "".join(f"{i},{i % 2}\n" for i in range(5000))
    (tmp_path / "d.csv").write_text("id,label\n" + rows)
    profile_of(tmp_path / "d.csv")
    assert "imbalance-guard: scanning d.csv:" in capsys.readouterr().err


def test_cli_prints_no_progress_when_stderr_is_not_a_terminal(project, run_cli, monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    rows = "".join(f"{i},{i % 2}\n" for i in range(5000))
    (project / "d.csv").write_text("id,label\n" + rows)
    result = run_cli("check", "d.csv")
    assert result.exit_code == 0
    assert "scanning" not in result.output
