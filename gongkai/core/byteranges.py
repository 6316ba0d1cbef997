"""HTTP byte ranges (RFC 9110 §14): which part of a file a ``Range`` header asks for.

Audio and video players seek with ranges; Django's FileResponse sends whole files only. One range
is served; a header asking for several is answered with the whole file, which the RFC allows.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def content_range(self, size: int) -> str:
        return f"bytes {self.start}-{self.end}/{size}"


class Unsatisfiable(ValueError):
    """The range lies wholly past the end of the file (answer 416)."""


def requested_range(header: str | None, size: int) -> ByteRange | None:
    """The single range ``header`` asks for in a file of ``size`` bytes, or None to send the whole
    file (no header, a malformed one, or several ranges). Raises Unsatisfiable."""
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first, dash, last = spec.strip().partition("-")
    if not dash or not (first or last) or not (_digits(first) and _digits(last)):
        return None
    if not first:  # "-N": the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable(header)
        return ByteRange(max(size - suffix, 0), size - 1)
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size:
        raise Unsatisfiable(header)
    if end < start:
        return None
    return ByteRange(start, end)


def _digits(part: str) -> bool:
    """Empty (an open end) or an ASCII number."""
    return part == "" or (part.isascii() and part.isdigit())
