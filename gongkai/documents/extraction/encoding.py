"""Bytes to text for the encodings Chinese pages and files use.

Order of trust: a byte-order mark; strict UTF-8 (random non-UTF-8 bytes almost never
decode as UTF-8, so success is decisive, and it beats a stale ``charset=gb2312`` left in a
template); the charset the page declares; then charset-normalizer, restricted to the
encodings Chinese text is written in so it cannot wander into Latin or Cyrillic code pages.
GBK and GB2312 are read as GB18030, their superset.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from gongkai.documents.extraction.errors import ExtractionError

_CANDIDATES = ["gb18030", "big5", "utf_8"]
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Above this share of control or private-use characters, what decoded is not text.
_MAX_JUNK_SHARE = 0.02
# Control characters other than layout ones, private-use characters, replacement marks.
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
_SAMPLE = 4000
_TWO_BYTE_LEADS = bytes(range(0xC2, 0xE0))
_THREE_BYTE_LEADS = bytes(range(0xE0, 0xF0))


def undetectable() -> ExtractionError:
    return ExtractionError(
        "undetectable_encoding",
        "无法识别文件的文字编码（不是 UTF-8、GBK/GB18030 或 Big5 文本），可能不是文本文件。",
        "The file's text encoding cannot be recognised (not UTF-8, GBK/GB18030 or Big5 text); "
        "it may not be a text file.",
    )


def _canonical(name: str) -> str | None:
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_like_text(text: str) -> bool:
    sample = text[:_SAMPLE]
    return len(_JUNK.findall(sample)) <= _MAX_JUNK_SHARE * max(len(sample), 1)


def _plausible_utf8(data: bytes) -> bool:
    """Short GBK text can be valid UTF-8 too, but decodes to two-byte sequences (Greek,
    Cyrillic, Armenian …); Chinese in UTF-8 is three-byte sequences. Counted on the bytes
    (lead bytes 0xC2-0xDF against 0xE0-0xEF), which is much faster than on characters."""
    sample = data[: 3 * _SAMPLE]
    two_byte = len(sample) - len(sample.translate(None, _TWO_BYTE_LEADS))
    three_byte = len(sample) - len(sample.translate(None, _THREE_BYTE_LEADS))
    return two_byte <= three_byte


def _reported(encoding: str, data: bytes) -> str:
    """Say gbk when the bytes are plain GBK, gb18030 only when they need its extensions."""
    if encoding == "gb18030" and _strict(data, "gbk") is not None:
        return "gbk"
    return encoding


def _detected(data: bytes) -> tuple[str, str] | None:
    best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        return None
    encoding = _canonical(best.encoding) or best.encoding
    return str(best), encoding


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` and say which encoding it was in. Raises ExtractionError when the
    bytes are no text in any encoding a Chinese document uses."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data, encoding)
            if text is None:
                raise undetectable()
            return text, encoding
    if b"\x00" in data[:4096]:
        raise undetectable()
    attempts = ["utf-8"]
    if declared and (canonical := _canonical(declared)):
        attempts.append(canonical)
    for encoding in attempts:
        text = _strict(data, encoding)
        if text is None or not _looks_like_text(text):
            continue
        if encoding != "utf-8" or _plausible_utf8(data):
            return text, _reported(encoding, data)
    detected = _detected(data)
    if detected is None or not _looks_like_text(detected[0]):
        raise undetectable()
    return detected[0], _reported(detected[1], data)
