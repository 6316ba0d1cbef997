"""What each backend indexes of a document: segmented text per weight class, and the parts of
its 发文字号. Both backends use this, so they find the same documents for the same query.

Pure module: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from gongkai.core.docnumbers import normalize_doc_number, split_doc_number
from gongkai.search.segmentation import tokens_for_index
from gongkai.search.types import IndexedDocument

# Relative weights: a word in the title or the document number counts most, then keywords
# (and issuing departments), then the summary, then the body.
FIELD_BOOSTS = {"title": 4.0, "doc_number": 4.0, "keywords": 2.0, "summary": 1.5, "body": 1.0}


@dataclass(frozen=True)
class IndexedTexts:
    """Space-joined segmented words of each searchable part of a document."""

    title: str
    doc_number: str
    keywords: str
    summary: str
    body: str

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELD_BOOSTS}


def indexed_texts(doc: IndexedDocument) -> IndexedTexts:
    return IndexedTexts(
        title=tokens_for_index(f"{doc.title} {doc.title_en}"),
        doc_number=tokens_for_index(doc.doc_number),
        keywords=tokens_for_index(" ".join([*doc.keywords, *doc.department_names])),
        summary=tokens_for_index(doc.summary),
        body=tokens_for_index(doc.body) if doc.body_words is None else doc.body_words,
    )


def doc_number_key(doc: IndexedDocument) -> str:
    """The normalised 发文字号 (the source's key, or computed when the source gave none)."""
    if doc.doc_number_key or not doc.doc_number:
        return doc.doc_number_key
    return normalize_doc_number(doc.doc_number)


class NumberParts(NamedTuple):
    """A 发文字号 split for lookup: year (0 for 令-style numbers), serial, 机关代字 prefix."""

    year: int
    serial: int
    prefix: str


def doc_number_parts(doc: IndexedDocument) -> NumberParts | None:
    """The parts of the document's number, for finding it from a number query."""
    parts = split_doc_number(doc_number_key(doc))
    if parts is None:
        return None
    return NumberParts(parts.year or 0, parts.serial, parts.prefix or "")


def prefix_suffixes(prefix: str) -> list[str]:
    """Every ending of a 机关代字 (筑高新办函 -> 筑高新办函, 高新办函, ..., 函): a query naming
    only the end of the prefix (办函〔2019〕23号) still finds the number by exact terms."""
    return [prefix[start:] for start in range(len(prefix))]


def sort_key(doc: IndexedDocument) -> int:
    """Publication date then id, as one integer: "newest first" is stable across pages."""
    day = doc.published_on.toordinal() if doc.published_on else 0
    return (day << 32) | (doc.id & 0xFFFFFFFF)
