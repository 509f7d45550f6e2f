"""Where the first byte that is not UTF-8 is, as the message of IG001 names it: compared with
decoding the whole file at once, for blocks as small as a few bytes, so that characters and
``\\r\\n`` are cut in two wherever they can be."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbalance_guard.data import csv_reference

PIECES = [b"a", b",", b"\n", b"\r", b"\r\n", "é".encode(), "€".encode(), "𝄞".encode()]
BAD = [b"\xff", b"\xc3", b"\xe2\x82", b"\xf0\x9d\x84", b"\xed\xa0\x80", b"\xc0\xaf"]


def expected(data: bytes) -> tuple[int, int]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        return exc.start, 1 + before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n")
    return -1, -1


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    head=st.lists(st.sampled_from(PIECES), max_size=40),
    bad=st.lists(st.sampled_from(BAD), max_size=1),
    tail=st.lists(st.sampled_from(PIECES + BAD), max_size=10),
    block=st.integers(1, 9),
    compressed=st.booleans(),
)
def test_first_bad_byte_is_where_decoding_the_whole_file_fails(
    tmp_path, monkeypatch, head, bad, tail, block, compressed
):
    monkeypatch.setattr(csv_reference, "_BLOCK", block)
    data = b"".join(head + bad + tail)
    path = tmp_path / ("d.csv.gz" if compressed else "d.csv")
    path.write_bytes(gzip.compress(data) if compressed else data)
    assert csv_reference.first_bad_byte(str(path), compressed) == expected(data)


@pytest.mark.parametrize(
    ("data", "after", "breaks"),
    [(b"a\r\nb", b"", 1), (b"\n", b"\r", 0), (b"\r\r\n\n", b"", 3), (b"\rx", b"\r", 1)],
)
def test_line_breaks_count_a_cut_crlf_once(data, after, breaks):
    assert csv_reference.line_breaks(data, after) == breaks
