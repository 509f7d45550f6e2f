"""File names that are not UTF-8 never crash an output format.

A real file whose name holds the byte 0xE9 (Latin-1 "é") is checked in every format,
through a subprocess whose standard output is strict UTF-8 (``PYTHONIOENCODING``), so any
lone surrogate that leaked into the output would fail the run. Each format must name the
file with the documented escape: ``\\xe9`` in text, JSON, XML, GitHub commands and baselines,
``%E9`` (the original byte, percent-encoded) in SARIF's URI.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imbalance_guard.baseline import to_document
from imbalance_guard.report.printable import name_bytes, printable, printable_data, uri_path

NAME = b"caf\xe9.py"
NOTEBOOK = b"r\xe9sum\xe9.ipynb"
LEAKY = "from sklearn.metrics import accuracy_score\nprint(accuracy_score(a, b))\n"
SHOWN = "caf\\xe9.py"  # what every format writes for NAME (the characters c a f \ x e 9)


@pytest.fixture
def odd_project(tmp_path: Path) -> Path:
    try:
        (tmp_path / os.fsdecode(NAME)).write_bytes(LEAKY.encode())
    except (OSError, UnicodeError):
        pytest.skip("this file system does not store names that are not UTF-8")
    folder = tmp_path / os.fsdecode(b"d\xff")
    folder.mkdir()
    (folder / "train.py").write_text(LEAKY)
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "outputs": [],
                "source": LEAKY.splitlines(keepends=True),
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / os.fsdecode(NOTEBOOK)).write_text(json.dumps(notebook, indent=1))
    return tmp_path


def check(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "imbalance_guard", "check", "--select", "IG201", *args, "."],
        cwd=project,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert "internal error" not in out.stderr.decode("utf-8", "replace")
    out.stdout.decode("utf-8")  # strict: the report is valid UTF-8
    return out


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_text_formats_escape_the_bytes(odd_project, fmt):
    out = check(odd_project, "--output-format", fmt)
    assert out.returncode == 1, out.stderr
    text = out.stdout.decode()
    assert SHOWN in text
    assert "d\\xff/train.py" in text
    assert "r\\xe9sum\\xe9.ipynb" in text
    if fmt == "concise":
        assert f"{SHOWN}:2:7: IG201" in text
    if fmt == "github":
        assert f"::error file={SHOWN},line=2,col=7," in text


def test_json(odd_project):
    out = check(odd_project, "--output-format", "json")
    assert out.returncode == 1, out.stderr
    names = {f["filename"] for f in json.loads(out.stdout)}
    assert names == {SHOWN, "d\\xff/train.py", "r\\xe9sum\\xe9.ipynb"}


def test_gitlab(odd_project):
    out = check(odd_project, "--output-format", "gitlab")
    assert out.returncode == 1, out.stderr
    issues = json.loads(out.stdout)
    assert {i["location"]["path"] for i in issues} == {
        SHOWN,
        "d\\xff/train.py",
        "r\\xe9sum\\xe9.ipynb",
    }
    assert len({i["fingerprint"] for i in issues}) == 3


def test_sarif_uri_is_the_percent_encoded_bytes(odd_project):
    out = check(odd_project, "--output-format", "sarif")
    assert out.returncode == 1, out.stderr
    results = json.loads(out.stdout)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"caf%E9.py", "d%FF/train.py", "r%E9sum%E9.ipynb"}
    # The URI names the real file: decoding it gives back the bytes on disk.
    from urllib.parse import unquote_to_bytes

    assert (odd_project / os.fsdecode(unquote_to_bytes("caf%E9.py"))).exists()
    # The notebook was read back for its .ipynb lines: a real line, not the fallback 1.
    notebook = next(r for r in results if "ipynb" in str(r["locations"]))
    assert notebook["locations"][0]["physicalLocation"]["region"]["startLine"] > 1


def test_junit_is_well_formed_xml(odd_project):
    out = check(odd_project, "--output-format", "junit")
    assert out.returncode == 1, out.stderr
    root = ET.fromstring(out.stdout)
    names = {SHOWN, "d\\xff/train.py", "r\\xe9sum\\xe9.ipynb"}
    assert {suite.get("name") for suite in root.iter("testsuite")} == names
    assert {case.get("file") for case in root.iter("testcase")} == names


def test_output_file_and_baseline_round_trip(odd_project):
    written = check(odd_project, "--output-format", "json", "-o", "report.json")
    assert written.returncode == 1, written.stderr
    assert SHOWN in {f["filename"] for f in json.loads((odd_project / "report.json").read_text())}

    record = check(odd_project, "--write-baseline", "base.json")
    assert record.returncode == 0, record.stderr
    baseline = json.loads((odd_project / "base.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in baseline["findings"]} == {
        SHOWN,
        "d\\xff/train.py",
        "r\\xe9sum\\xe9.ipynb",
    }
    again = check(odd_project, "--baseline", "base.json")
    assert again.returncode == 0, again.stderr
    assert b"Skipped 3 known problems (baseline)." in again.stdout


def test_a_missing_odd_name_is_escaped_on_stderr(odd_project):
    out = subprocess.run(
        [sys.executable, "-m", "imbalance_guard", "check", os.fsdecode(b"gone\xe9.py")],
        cwd=odd_project,
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert out.returncode == 2
    assert b"imbalance-guard: error: gone\\xe9.py: no such file or directory" in out.stderr


def test_the_escape_itself():
    assert printable("plain é ✓") == "plain é ✓"
    assert printable(os.fsdecode(b"a\xe9\xff.py")) == "a\\xe9\\xff.py"
    assert printable("lone \ud800 high") == "lone \\ud800 high"
    assert printable_data({"k\udce9": ["v\udcff", 3, None]}) == {"k\\xe9": ["v\\xff", 3, None]}
    assert uri_path(os.fsdecode(b"d\xff/a b.py")) == "d%FF/a%20b.py"
    assert name_bytes(os.fsdecode(b"caf\xe9")) == b"caf\xe9"
    assert name_bytes("café") == "café".encode()
    assert name_bytes("\ud800") == b"\xed\xa0\x80"  # never fails, even on other surrogates


# -- a property over every registered format -------------------------------------------------

NAME_CHARS = (
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/")
    | st.sampled_from([chr(c) for c in range(0xDC80, 0xDD00)])
    | st.sampled_from(["\ud800", "\udfff", "\x1b", "\n", "%", ",", ":"])
)


@settings(max_examples=150, deadline=None)
@given(
    names=st.lists(st.text(NAME_CHARS, min_size=1, max_size=12), min_size=1, max_size=3),
    message=st.text(NAME_CHARS, max_size=20),
    line=st.none() | st.integers(1, 5),
)
def test_every_format_writes_valid_utf8_for_any_name(names, message, line):
    """Whatever the names and messages hold (undecodable bytes, other lone surrogates,
    control characters), each format's output is valid UTF-8 and the machine formats
    parse."""
    from imbalance_guard.findings import Finding, Location, Rule
    from imbalance_guard.plugins import get_plugin_manager
    from imbalance_guard.report.base import RenderOptions, Report

    rule = Rule(code="IG001", name="unreadable-input", summary="Unreadable", doc="IG001 x\n")
    findings = [
        Finding(
            "IG001",
            message or "m",
            Location(f"{name}.py", line, 1 if line else None),
            suggestion=message,
            data={"label": name},
        )
        for name in names
    ]
    report = Report(
        findings,
        {"IG001": rule},
        files_checked=[f"{n}.py" for n in names],
        sources={(f"{n}.py", None): [message] * 5 for n in names},
        notes=[f"{names[0]}: a note"],
    )
    formatters = {f.name: f for r in get_plugin_manager([]).hook.ig_formatters() for f in r}
    assert {"text", "concise", "json", "sarif", "github", "gitlab", "junit"} <= set(formatters)
    for name, formatter in formatters.items():
        for options in (RenderOptions(), RenderOptions(verbose=True, statistics=True)):
            out = formatter.render(report, options)
            out.encode("utf-8")  # strict: raises on any lone surrogate left
            if name in ("json", "sarif", "gitlab"):
                json.loads(out)
            if name == "junit":
                ET.fromstring(out.encode("utf-8"))
    document = to_document(report)
    json.dumps(document, ensure_ascii=False).encode("utf-8")
