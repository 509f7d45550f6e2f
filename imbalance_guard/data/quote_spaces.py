"""Whether a CSV file may hold a quote that spaces separate from a field's boundary.

DuckDB 2.0 trims spaces around quotes: it reads `1, "a"` as the value `a`, `1, "a` as a
quoted value that runs on into the next line, and `"a" ,` as `a`. Python's ``csv`` module,
the reference, reads ` "a"` as text (quotes included) and refuses `"a" ,`. Such a file is
counted by Python's ``csv`` module instead (``csv_reference``): this is the cheap test that
sends it there. Not a parse: it looks at every three bytes of the file, the header's too
(DuckDB skips a header whose quote after spaces runs on into the next line, where Python's
``csv`` module reads that line as a row). A doubt costs time, never a count, so it may
doubt a valid file (`said, ""no""` inside a quoted value), but it never misses a quote that
spaces separate from a delimiter, a line break, the start or the end of the file.

Such a quote ends three bytes ``x, space, quote`` or begins three bytes ``quote, space, x``
where ``x`` is a delimiter, a line break, a space (a longer run of spaces) or a quote: DuckDB
also reads `"a" "b"` as one value, `a b`, which Python's ``csv`` module refuses. The caller
feeds the file chunk by chunk (``QuoteSearch.feed``): the file's start and end count as
boundaries, and the bytes that straddle two chunks are looked at too.
"""

from __future__ import annotations

# The numpy search takes every byte up to ',' (0x2C) for a boundary: the delimiters (',' and
# tab), the line breaks and the space, and a few more (a false doubt costs time only).
_EDGE = 0x2C
_SPACE_QUOTE = int.from_bytes(b' "', "little")
_QUOTE_SPACE = int.from_bytes(b'" ', "little")


def spaces_beside_quotes(data: bytes, delimiter: bytes, vectorized: bool = False) -> bool:
    """Whether three bytes of ``data`` are ``x, space, quote`` or ``quote, space, x``, with
    ``x`` a delimiter, ``\\r``, ``\\n``, a space or a quote (see ``QuoteSearch`` for
    ``vectorized``)."""
    return QuoteSearch(delimiter, vectorized).found_in(data)


class QuoteSearch:
    """The search of ``spaces_beside_quotes``, keeping its scratch arrays from one chunk to
    the next. ``vectorized``: with numpy (worth its import for a large file only), comparing
    the bytes two at a time as 16-bit words at even and at odd offsets, with a superset of
    those ``x`` (every byte up to ','): about 0.6 ms per 4 MB of quoted text, where a
    substring search for each pattern takes some 25 ms."""

    def __init__(self, delimiter: bytes, vectorized: bool = False):
        self.delimiter = delimiter
        self.vectorized = vectorized
        self.edges = (delimiter, b"\n", b"\r", b" ", b'"')
        self.scratch: list = []
        self.seam = b"\n"  # the last two bytes fed; the file's start is a field's boundary
        self.found = False

    def feed(self, data: bytes) -> bool:
        """Look at the file's next bytes (from its first, after a byte-order mark), three
        bytes that straddle two of them included; whether such a quote was found so far."""
        if not self.found and data:
            joint = self.seam + data[:2]
            self.found = (b'"' in joint and self.found_in(joint)) or (
                b'"' in data and self.found_in(data)  # memchr: no quote costs nothing
            )
            self.seam = (self.seam + data[-2:])[-2:]
        return self.found

    def end(self) -> bool:
        """After the file's last bytes: whether such a quote was found (the file's end is a
        field's boundary)."""
        if not self.found:
            self.found = self.found_in(self.seam + b"\n")
        return self.found

    def found_in(self, data: bytes) -> bool:
        if len(data) < 3:
            return False
        if not self.vectorized or len(data) < 1 << 16:
            return (b' "' in data and any(x + b' "' in data for x in self.edges)) or (
                b'" ' in data and any(b'" ' + x in data for x in self.edges)
            )
        return self._numpy(data)

    def _numpy(self, data: bytes) -> bool:
        import numpy as np

        size = len(data) // 2
        if not self.scratch or len(self.scratch[0]) < size:
            # reused: fresh arrays of megabytes cost a page fault per 4 KiB on every chunk
            self.scratch = [np.empty(size, "<u2"), np.empty(size, bool), np.empty(size, bool)]
        aligned, found, near = self.scratch
        even = np.frombuffer(data, "<u2", count=size)
        odd = aligned[: (len(data) - 1) // 2]
        # the words at odd offsets, copied once: compared three times, aligned is faster
        np.copyto(odd, np.frombuffer(data, "<u2", count=len(odd), offset=1))
        edge = max(_EDGE, self.delimiter[0])
        # A word (x, space) is 0x20xx: x up to the edge is a word up to 0x2000 | edge (its
        # high byte, the space, is known from the word beside it); (space, x) is at most
        # edge << 8 | 0x20.
        before = 0x2000 | edge
        after = edge << 8 | 0x20
        pairs = (
            # (x, space, quote) at an even offset: (x, space) in `even`, (space, quote) in `odd`
            (odd, _SPACE_QUOTE, even[: len(odd)], before),
            # ... at an odd offset: (x, space) in `odd`, (space, quote) in the next `even`
            (even[1:], _SPACE_QUOTE, odd[: size - 1], before),
            # (quote, space, x) at an even offset, then at an odd one
            (even[: len(odd)], _QUOTE_SPACE, odd, after),
            (odd[: size - 1], _QUOTE_SPACE, even[1:], after),
        )
        for words, needle, neighbours, limit in pairs:
            hits = np.equal(words, needle, out=found[: len(words)])
            if not hits.any():
                continue
            np.logical_and(hits, np.less_equal(neighbours, limit, out=near[: len(words)]), out=hits)
            if hits.any():
                return True
        return False
