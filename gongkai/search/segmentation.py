"""Chinese word segmentation for indexing and querying (rjieba + the domain dictionary).

Index and query text go through the same normalisation (NFKC, lower case), so a query
written with full-width letters or digits (ＡＢＣ１２３) finds text written half-width and
vice versa. The index side
uses jieba's search mode (every dictionary sub-word of a long word as well as the word), the
query side the precise mode, so each query word is one of the indexed words.

Pure module: no Django imports.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import rjieba

DICTIONARY_PATH = Path(__file__).with_name("dictionary.txt")
# Longer "words" are runs of letters or digits (hashes, encoded data): never searched for.
MAX_WORD_CHARS = 40

# Runs of anything but letters and digits separate words; they are never words themselves.
_NON_WORD = re.compile(r"[\W_]+")
# Spaces and punctuation that NFKC turns only into other spaces and punctuation (full-width
# ，：（）, no-break and ideographic spaces). Blanked first, they leave most Chinese text
# in NFKC already, and normalising it, the costliest step, is skipped with the same result.
_WIDE_SEPARATORS = re.compile(
    "[\u00a0\u2000-\u200a\u3000\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+"
)


def normalize(text: str) -> str:
    """NFKC (full-width letters and digits → ASCII, compatibility forms → plain) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _words(tokens: list[str]) -> list[str]:
    """Drop the space tokens and overlong words (joining and splitting runs in C: fast)."""
    words = " ".join(tokens).split()
    if max(map(len, words), default=0) > MAX_WORD_CHARS:
        return [word for word in words if len(word) <= MAX_WORD_CHARS]
    return words


def _prepared(text: str) -> str:
    """``normalize(text)`` with runs of non-word characters made single spaces."""
    text = _WIDE_SEPARATORS.sub(" ", text)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return _NON_WORD.sub(" ", text.lower())


def _read_dictionary(path: Path) -> list[tuple[str, int | None]]:
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        frequency = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        entries.append((normalize(parts[0]), frequency))
    return entries


@cache
def _segmenter() -> rjieba.Jieba:
    """One segmenter per process with the domain dictionary loaded once (~0.1 s)."""
    jieba = rjieba.Jieba()
    for word, frequency in _read_dictionary(DICTIONARY_PATH):
        jieba.add_word(word, frequency, None)
    return jieba


def segment(text: str) -> list[str]:
    """Words to index: search mode, normalised, punctuation and spaces dropped (repeats kept)."""
    return _words(_segmenter().cut_for_search(_prepared(text)))


def segment_query(text: str) -> list[str]:
    """Words of a query: precise mode, normalised, punctuation dropped, first occurrence only."""
    return list(dict.fromkeys(_words(_segmenter().cut(_prepared(text)))))


def tokens_for_index(text: str) -> str:
    """The indexed words of text joined by spaces, for whitespace tokenizers and tsvector:
    both split on runs of spaces, so jieba's space tokens are left in (dropping them costs
    as much as the segmentation)."""
    tokens = _segmenter().cut_for_search(_prepared(text))
    if max(map(len, tokens), default=0) > MAX_WORD_CHARS:
        tokens = [token for token in tokens if len(token) <= MAX_WORD_CHARS]
    return " ".join(tokens)
