"""Byte ranges of the file views: what a Range header selects."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.byteranges import ByteRange, Unsatisfiable, requested_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", ByteRange(0, 99)),
        ("bytes=100-", ByteRange(100, 999)),
        ("bytes=-100", ByteRange(900, 999)),
        ("bytes=990-2000", ByteRange(990, 999)),
        ("bytes=-5000", ByteRange(0, 999)),
        (None, None),
        ("", None),
        ("bytes=0-1,5-6", None),
        ("items=0-9", None),
        ("bytes=abc", None),
        ("bytes=5-2", None),
        ("bytes=-", None),
        ("bytes=1-x", None),
    ],
)
def test_requested_range(header, expected):
    assert requested_range(header, 1000) == expected


@pytest.mark.parametrize(
    ("header", "size"), [("bytes=1000-", 1000), ("bytes=-0", 1000), ("bytes=-5", 0)]
)
def test_range_past_the_end_is_unsatisfiable(header, size):
    with pytest.raises(Unsatisfiable):
        requested_range(header, size)


@given(
    size=st.integers(min_value=1, max_value=10_000),
    first=st.integers(min_value=0, max_value=20_000),
    last=st.integers(min_value=0, max_value=20_000),
)
def test_a_satisfiable_range_lies_within_the_file(size, first, last):
    try:
        found = requested_range(f"bytes={first}-{last}", size)
    except Unsatisfiable:
        assert first >= size
        return
    if found is not None:
        assert 0 <= found.start <= found.end < size
        assert found.length == found.end - found.start + 1
        assert found.content_range(size) == f"bytes {found.start}-{found.end}/{size}"
