"""The readers against reference readers, on generated files: equal counts, or IG001.

References: Python's ``csv`` module (strict) for CSV and TSV, ``json`` for JSON Lines, pyarrow
for Parquet and Feather. How the reference's rows map to a profile, which is the documented
behaviour (README, "Dataset checks"):

- CSV/TSV: the class is the field's text after unquoting. A field that is empty or one of
  ``NULL_TEXT`` (``NA``, ``null``, ``NaN``, ``None``, ``#N/A``, ``<NA>`` ...) is missing.
  A blank line (nothing between two line endings) is no row, except in a one-column file,
  where it is a row with an empty, so missing, label (RFC 4180 reads it so, and DuckDB does).
  Blank lines before the header are skipped. A row with more or fewer fields than the header,
  a quote error, or bytes that are not UTF-8 make the file invalid: IG001.
- JSON Lines: a key anywhere is a column; ``null`` or an absent key is missing; equal values
  are one class (1 and 1.0), other JSON types other classes (1, "1", true).
- Parquet / Feather: the typed value; null and NaN are missing.

Generated files that the reference reads must give exactly the reference's counts; files
mutated into possibly invalid ones must give the reference's counts or IG001, and IG001
whenever the reference refuses them. Buffer and line sizes are shrunk so that small files
cross every internal boundary; long fields take the longer-line path.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from imbalance_guard.config import Config
from imbalance_guard.data import read_arrow, read_csv, read_jsonl
from imbalance_guard.data.classes import NULL_TEXT
from imbalance_guard.data.profile import UnreadableData
from imbalance_guard.discover import Target
from tests.differential_settings import SETTINGS

MAX_CLASSES = 100_000

# Labels that a lenient parser would merge or drop: numbers in other spellings and scripts,
# the missing-value spellings, quotes, delimiters and line breaks, long text.
CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def label_text(longest: int = 12_000) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(
            [
                "0",
                "1",
                "01",
                "1.0",
                "1_0",
                "10",
                " 1",
                "1 ",
                "\u0661",
                "\uff11",
                "-0",
                "+1",
                "yes",
                "no",
                "true",
                "True",
                "TRUE",
                "héllo",
                "日本",
                "a b",
                "",
                *sorted(NULL_TEXT),
                '"',
                '""',
                'say "hi"',
                ",",
                "\t",
                "a,b",
                "a\tb",
                "\n",
                "a\nb",
                "a\r\nb",
                "a\rb",
                "x\n\ny",
                "\ufeff",
                'a"b',
                '1"',
                'x""y',
                ' "1"',
                ' "a',
                '  ""',
            ]
        ),
        st.text(CHARACTERS, max_size=8),
        st.integers(1, longest // 4).map(lambda n: "long" * n),
    )


NAMES = st.text(CHARACTERS, min_size=1, max_size=6)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


def config_for(path: Path) -> Config:
    config = Config(root=path.parent)
    config.settings = {"data": {"label": "label", "max-classes": MAX_CLASSES}}
    return config


def read(path: Path, fmt: str):
    """(counts, missing, rows) of the `label` column, "skipped: why", or "IG001: why"."""
    target = Target(path, path.name, "dataset", fmt)
    module = {"csv": read_csv, "tsv": read_csv, "jsonl": read_jsonl}.get(fmt, read_arrow)
    try:
        dataset = module.ig_read_dataset(target=target, config=config_for(path))
    except UnreadableData as exc:
        return f"IG001: {exc}"
    if not dataset.labels:
        return "skipped: " + " ".join(dataset.notes)
    (label,) = dataset.labels
    return dict(label.counts), label.missing, label.rows


# -- CSV and TSV --------------------------------------------------------------------------


def csv_field(value: str, delimiter: str, quote_all: bool) -> str:
    """One field as a CSV writer writes it, quoted when it must be (or always). A quote
    inside a value that does not start with one is written bare (`a"b`), as some writers
    do and Python's csv module reads: a literal quote that evens the file's count of
    quotes."""
    # after leading spaces too: ` "a` is text to Python's csv module (DuckDB 2.0 trims the
    # spaces and reads a quoted value: the reader counts such a file with the former)
    bare_quote = '"' in value[1:] and not value.startswith('"')
    if bare_quote and not any(c in value for c in (delimiter, "\r", "\n")):
        return value
    if quote_all or any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


NO_LABEL = "no `label` column"


def reference_csv(data: bytes, delimiter: str):
    """What Python's csv module reads: (counts, missing, rows), or None if it is invalid."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    while records and not records[0]:
        records.pop(0)  # blank lines before the header
    if not records:
        return None
    header, rows = records[0], records[1:]
    rows = [[""] if not row and len(header) == 1 else row for row in rows]
    rows = [row for row in rows if row]
    if not rows:
        return None  # a header and no rows: bad input, whatever the header holds (README)
    if "label" not in header:
        return NO_LABEL
    if any(len(row) != len(header) for row in rows):
        return None
    column = header.index("label")
    values = [row[column] for row in rows]
    missing = sum(1 for v in values if v in NULL_TEXT)
    return dict(Counter(v for v in values if v not in NULL_TEXT)), missing, len(values)


def both_counts(tmp_path: Path, content: bytes, fmt: str, delimiter: str):
    """Python's csv module's reading of ``content`` and the reader's, of one file."""
    path = tmp_path / f"d.{fmt}"
    path.write_bytes(content)
    return reference_csv(content, delimiter), read(path, fmt)


def regression_like(counts: dict) -> bool:
    """Every class a decimal number and one of them fractional: skipped as a regression
    target (README: what counts as a class label)."""
    decimal = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
    return (
        bool(counts)
        and all(decimal.match(v) for v in counts)
        and any(not float(v).is_integer() for v in counts)
    )


@st.composite
def csv_files(draw, delimiter: str, longest: int = 12_000):
    text = label_text(longest)
    others = draw(st.lists(NAMES.filter(lambda n: n != "label"), max_size=3, unique=True))
    header = list(others)
    header.insert(draw(st.integers(0, len(others))), "label")
    rows = draw(
        st.lists(
            st.tuples(text, st.lists(text, min_size=len(others), max_size=len(others))),
            min_size=1,
            max_size=80,
        )
    )
    # one line ending, or several in turn, as files joined from
    # several systems have them
    endings = draw(
        st.one_of(
            st.lists(ENDINGS, min_size=1, max_size=1), st.lists(ENDINGS, min_size=2, max_size=4)
        )
    )
    quote_all = draw(st.booleans())
    blank_every = draw(st.sampled_from([0, 0, 2, 5]))
    lines = ["" for _ in range(draw(st.integers(0, 1)))]  # blank lines before the header
    lines.append(delimiter.join(csv_field(n, delimiter, quote_all) for n in header))
    for i, (label, rest) in enumerate(rows):
        fields = list(rest)
        fields.insert(header.index("label"), label)
        if len(fields) == 1 and fields[0] == "":
            fields[0] = '""'  # an empty one-column field is written quoted, as csv does
        else:
            fields = [csv_field(f, delimiter, quote_all) for f in fields]
        lines.append(delimiter.join(fields))
        if blank_every and i % blank_every == 1:
            lines.append("")
    text = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))
    if not draw(st.booleans()):
        text = text[: -len(endings[(len(lines) - 1) % len(endings)])]  # no ending at the end
    bom = "\ufeff" if draw(st.booleans()) else ""
    return (bom + text).encode("utf-8")


def mutate(data: bytes, draw) -> bytes:
    """A mutation that may make a file invalid: a byte dropped, inserted or replaced, a
    delimiter put before a line break (a trailing delimiter, ``1,a,``, or an empty quoted
    field, ``1,a,""``), spaces put beside a quote, or a quote opened at the start of a
    field, perhaps never closed."""
    how = draw(st.integers(0, 6))
    if how == 2:
        # spaces beside a quote (`1, "a`, `"a" ,`): DuckDB 2.0 trims them, Python's csv not
        quotes = [m.start() for m in re.finditer(rb'"', data)]
        if quotes:
            at = draw(st.sampled_from(quotes)) + draw(st.integers(0, 1))
            return data[:at] + b" " * draw(st.integers(1, 2)) + data[at:]
    if how == 0:
        breaks = [m.start() for m in re.finditer(rb"\r\n|\r|\n", data)] + [len(data)]
        at = draw(st.sampled_from(breaks))
        extra = draw(st.sampled_from([b",", b"\t", b",,", b"\t\t", b',""', b'\t""']))
        return data[:at] + extra + data[at:]
    if how == 1:
        # late in the file: a bare quote before it (`a"b`) may even the count of quotes
        starts = [m.end() for m in re.finditer(rb"\r\n|\r|\n|,|\t", data)]
        at = draw(st.sampled_from(starts[-max(1, len(starts) // 4) :] or [0]))
        return data[:at] + b'"' + data[at:]
    at = draw(st.integers(0, len(data)))
    byte = draw(st.sampled_from([b'"', b",", b"\t", b"\n", b"\r", b"\xff", b"\xc3", b"x", b""]))
    drop = draw(st.integers(0, 1))
    return data[:at] + byte + data[at + drop :]


@pytest.fixture(
    params=[None, (2048, 2), (8192, 2), (4096, 16)],
    ids=["engine-buffers", "2k-buffers", "8k-buffers", "4k-buffers-16-lines"],
)
def buffers(request, monkeypatch):
    """DuckDB's own buffer sizes, and small ones that every generated file crosses: two
    line sizes a buffer, or sixteen, DuckDB's own ratio."""
    if request.param is None:
        return None
    size, lines = request.param
    monkeypatch.setattr(read_csv, "BUFFER_SIZE", size)
    monkeypatch.setattr(read_csv, "LINE_SIZE", size // lines)
    return size // lines * 2  # a row stays under a quarter of this (within_line_size)


def within_line_size(content: bytes, buffers: int | None) -> bool:
    """With shrunk buffers, rows stay well under the line size: DuckDB 2.0 may drop a row
    about one buffer long without an error (README, "Engines");
    longer rows are tested at DuckDB's own sizes, where that takes a 32 MB row (README)."""
    if buffers is None:
        return True
    try:
        text = content.decode("utf-8-sig")
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        longest = max(sum(2 * len(f.encode()) + 3 for f in record) for record in records)
    except (UnicodeDecodeError, csv.Error, ValueError):
        longest = len(content)
    return longest < buffers // 4


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@SETTINGS
@given(data=st.data())
def test_csv_counts_equal_pythons_csv_module(tmp_path, buffers, fmt, data):
    delimiter = "," if fmt == "csv" else "\t"
    content = data.draw(csv_files(delimiter, buffers // 64 if buffers else 12_000))
    assume(within_line_size(content, buffers))
    path = tmp_path / f"d.{fmt}"
    path.write_bytes(content)
    expected = reference_csv(content, delimiter)
    got = read(path, fmt)
    if expected is not None and regression_like(expected[0]):
        assert got.startswith("skipped: `label` skipped: float values such as"), got
    else:
        assert got == expected, content[:400]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@SETTINGS
@given(data=st.data())
def test_mutated_csv_is_counted_as_python_reads_it_or_ig001(tmp_path, buffers, fmt, data):
    delimiter = "," if fmt == "csv" else "\t"
    content = data.draw(csv_files(delimiter, buffers // 64 if buffers else 12_000))
    for _ in range(data.draw(st.integers(1, 3))):
        content = mutate(content, data.draw)
    assume(within_line_size(content, buffers))
    expected, got = both_counts(tmp_path, content, fmt, delimiter)
    if isinstance(got, str) and got.startswith("IG001"):
        # refused: only a file the reference refuses too (a valid file is never IG001),
        # or one whose header is one column holding another delimiter (the wrong format)
        wrong_format = got.startswith("IG001: the header has one column, ")
        assert expected is None or wrong_format, f"Python's csv module reads {expected}: {got}"
        return
    if got == "skipped: ":  # the header has no `label` column: IG105, no row is read
        text = io.StringIO(content.decode("utf-8-sig", "replace"), newline="")
        try:
            header = next((r for r in csv.reader(text, delimiter=delimiter) if r), [])
        except csv.Error:
            header = []
        assert "label" not in header or expected is None or expected == NO_LABEL
        return
    assert expected is not None, f"the reference refuses this file, the reader counted {got}"
    if regression_like(expected[0]):
        assert got.startswith("skipped: `label` skipped: float values such as"), got
    else:
        assert got == expected, content[:400]


@st.composite
def multi_line_cells(draw, line_size: int) -> bytes:
    """A file as spreadsheets export one: rows end in one way (\\r\\n, say), and some cells
    hold a line break, quoted, of another way or the same. Many short rows, so that the
    file crosses several of DuckDB's buffers and cells fall on every boundary."""
    ending, inner = draw(st.sampled_from(["\r\n", "\r\n", "\n", "\r"])), draw(ENDINGS)
    ragged = draw(st.booleans())  # then one row in 200 has a trailing delimiter: IG001
    lines = ["note,label"]  # a row that begins with a quoted cell is what DuckDB lost
    # rows enough to fill several buffers (Hypothesis favours small sizes: not left to it)
    for _ in range(4 * line_size):
        cell = "x" * draw(st.integers(1, line_size // 8))
        if draw(st.integers(0, 4)) == 0:
            cell = '"e' + inner + 'f"'
        extra = "," if ragged and draw(st.integers(0, 199)) == 0 else ""
        lines.append(cell + "," + draw(st.sampled_from(["a", "b", ""])) + extra)
    return (ending.join(lines) + ending).encode()


@pytest.mark.parametrize("line_size", [256, 64])
@settings(
    SETTINGS,
    suppress_health_check=[*SETTINGS.suppress_health_check, HealthCheck.large_base_example],
)
@given(data=st.data())
def test_cells_with_line_breaks_at_the_engines_ratio(tmp_path, monkeypatch, line_size, data):
    # DuckDB 2.0's parallel reader lost rows of a \r\n file whose quoted cells hold a lone
    # \n or \r, where a cell met its buffer boundary, at its own ratio of 16 line sizes a
    # buffer (and only in \r\n files), without an error.
    monkeypatch.setattr(read_csv, "BUFFER_SIZE", 16 * line_size)
    monkeypatch.setattr(read_csv, "LINE_SIZE", line_size)
    content = data.draw(multi_line_cells(line_size))
    expected, got = both_counts(tmp_path, content, "csv", ",")
    if expected is None:
        assert isinstance(got, str) and got.startswith("IG001: "), got
    else:
        assert got == expected


@SETTINGS
@given(data=st.data())
def test_gzip_csv_counts_equal_the_plain_file(tmp_path, data):
    content = data.draw(csv_files(","))
    (tmp_path / "d.csv").write_bytes(content)
    (tmp_path / "d.csv.gz").write_bytes(gzip.compress(content))
    assert read(tmp_path / "d.csv.gz", "csv") == read(tmp_path / "d.csv", "csv")


# -- JSON Lines ---------------------------------------------------------------------------

JSON_LABELS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.integers(-(2**70), 2**70),
    st.sampled_from([0.0, 1.0, -2.0, 1e3]),
    st.sampled_from(["0", "1", "1.0", "yes", "no", "", "null", "NaN", "caf\u00e9", "a\nb"]),
    st.text(max_size=5),
)
MISSING = object()


def json_class(value):
    """The reference's class of a JSON value: its type and its value (1 == 1.0)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", int(value))
    return ("string", value)


def shown(classes: Counter) -> dict:
    """The reference's classes as the profile shows them (README: JSON Lines)."""
    kinds = {kind for kind, _ in classes}
    if kinds == {"string"} or kinds == {"number"} or kinds == {"bool"}:
        return {str(value): n for (_, value), n in classes.items()}
    return {json.dumps(value, ensure_ascii=False): n for (_, value), n in classes.items()}


@st.composite
def jsonl_files(draw):
    labels = draw(st.lists(st.one_of(st.just(MISSING), JSON_LABELS), min_size=1, max_size=60))
    extra = draw(st.lists(NAMES.filter(lambda n: n != "label"), max_size=3, unique=True))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    for label in labels:
        row = {key: draw(st.integers(0, 9)) for key in extra if draw(st.booleans())}
        if label is not MISSING:
            row["label"] = label
        lines.append(json.dumps(row, ensure_ascii=draw(st.booleans())))
        if draw(st.integers(0, 9)) == 0:
            lines.append("")
    return labels, (ending.join(lines) + ending).encode("utf-8")


@pytest.fixture(params=[None, 64], ids=["engine-objects", "64-byte-objects"])
def object_size(request, monkeypatch):
    if request.param is not None:
        monkeypatch.setattr(read_jsonl, "OBJECT_SIZE", request.param)


@SETTINGS
@given(generated=jsonl_files())
def test_jsonl_counts_equal_pythons_json_module(tmp_path, object_size, generated):
    labels, content = generated
    path = tmp_path / "d.jsonl"
    path.write_bytes(content)
    present = [v for v in labels if v is not MISSING and v is not None]
    missing = len(labels) - len(present)
    got = read(path, "jsonl")
    if all(v is MISSING for v in labels):
        assert got.startswith(("IG001", "skipped")) or got[0] == {}, got  # no `label` key
        return
    assert got == (shown(Counter(json_class(v) for v in present)), missing, len(labels))


# -- Parquet and Feather ------------------------------------------------------------------

ARROW_COLUMNS = st.sampled_from(["int64", "int8", "string", "bool", "float64", "dictionary"])


@pytest.mark.parametrize("fmt", ["parquet", "feather", "arrow"])
@SETTINGS
@given(
    kind=ARROW_COLUMNS,
    values=st.lists(st.one_of(st.none(), st.integers(0, 4)), min_size=1, max_size=300),
    chunk=st.integers(1, 64),
    nan=st.booleans(),
)
def test_arrow_formats_count_as_pyarrow_reads_them(tmp_path, fmt, kind, values, chunk, nan):
    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    converted = {
        "int64": lambda v: v,
        "int8": lambda v: v,
        "string": lambda v: f"c{v}",
        "bool": lambda v: v % 2 == 0,
        "float64": lambda v: float(v),
        "dictionary": lambda v: f"d{v}",
    }[kind]
    items = [None if v is None else converted(v) for v in values]
    if kind == "float64" and nan:
        items = [float("nan") if v is None else v for v in items]
    types = {"int8": pa.int8(), "bool": pa.bool_(), "float64": pa.float64(), "int64": pa.int64()}
    array = pa.array(items, types.get(kind, pa.string()))
    if kind == "dictionary":
        array = array.dictionary_encode(null_encoding="mask")
    table = pa.table({"x": list(range(len(items))), "label": array})
    path = tmp_path / f"d.{fmt}"
    if fmt == "parquet":
        pq.write_table(table, path, row_group_size=chunk)
    elif fmt == "feather":
        feather.write_feather(table, path, chunksize=chunk)
    else:
        with pa.ipc.new_stream(path, table.schema) as writer:
            writer.write_table(table, max_chunksize=chunk)
    # The reference: pyarrow reads the file back, Python counts.
    if fmt == "parquet":
        back = pq.read_table(path).column("label").to_pylist()
    else:
        with pa.OSFile(str(path)) as source:
            opened = pa.ipc.open_file(source) if fmt == "feather" else pa.ipc.open_stream(source)
            back = opened.read_all().column("label").to_pylist()
    present = [v for v in back if v is not None and v == v]  # NaN != NaN: missing
    counts = Counter(str(int(v)) if isinstance(v, float) else str(v) for v in present)
    expected = (dict(counts), len(back) - len(present), len(back))
    assert read(path, "feather" if fmt == "arrow" else fmt) == expected


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("line_size", [1024, 4096])
@SETTINGS
@given(data=st.data())
def test_long_row_ending_where_the_engine_cuts_the_file(tmp_path, monkeypatch, fmt, line_size,
                                                       data):  # fmt: skip
    """A row longer than the line size whose line break falls on a multiple of it: DuckDB
    2.0's parallel reader dropped it without an error (README, "Engines")."""
    monkeypatch.setattr(read_csv, "BUFFER_SIZE", 2 * line_size)
    monkeypatch.setattr(read_csv, "LINE_SIZE", line_size)
    delimiter = "," if fmt == "csv" else "\t"
    names = data.draw(st.lists(NAMES.filter(lambda n: n != "label"), max_size=2, unique=True))
    ending = data.draw(ENDINGS).encode()
    quote_all = data.draw(st.booleans())

    def row(label: str, rest: list[str]) -> bytes:
        return delimiter.join(csv_field(f, delimiter, quote_all) for f in [label, *rest]).encode()

    short = st.tuples(label_text(40), st.lists(label_text(40), min_size=len(names),
                                                max_size=len(names)))  # fmt: skip
    before = data.draw(st.lists(short, max_size=40))
    after = data.draw(st.lists(short, min_size=1, max_size=5))
    head = row("label", names) + ending + b"".join(row(*r) + ending for r in before)
    long_row = row("long", [""] * len(names))  # the long field's text goes before `long`
    cuts = data.draw(st.integers(1, 3))
    at = data.draw(st.sampled_from([0, 1]))  # the break on the cut, or one byte after it
    target = (len(head) // line_size + cuts) * line_size + at
    filler = target - len(head) - len(long_row)
    assume(filler > 0)
    text = data.draw(st.sampled_from(["x", "a\nb", 'q""'])) if quote_all else "x"
    field = (text * filler)[:filler]
    if quote_all:
        long_row = long_row.replace(b'"long"', b'"long' + field.encode() + b'"', 1)
    else:
        long_row = long_row.replace(b"long", b"long" + field.encode(), 1)
    content = head + long_row + ending + b"".join(row(*r) + ending for r in after)
    if quote_all and field.count('"') % 2:
        return  # a doubled quote cut in half: not the file this test is about
    assert content[target : target + len(ending)] == ending  # the long row's own break
    expected, got = both_counts(tmp_path, content, fmt, delimiter)
    if expected is not None and regression_like(expected[0]):
        assert got.startswith("skipped: "), got
    else:
        assert got == expected, (len(content), content[:200])
