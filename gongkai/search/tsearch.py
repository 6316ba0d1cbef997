"""PostgreSQL tsvector and tsquery values written from our own words.

Building them in Python, instead of with to_tsvector / to_tsquery, means PostgreSQL never
re-parses the words jieba found: the index and the query hold exactly the same lexemes, and
no user text ever reaches a tsquery parser. It is also several times faster to index.
Syntax: https://www.postgresql.org/docs/current/datatype-textsearch.html

Pure module: no Django imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MAX_POSITION = 16383  # PostgreSQL's largest word position
MAX_POSITIONS_PER_LEXEME = 256  # PostgreSQL keeps no more
# A tsvector is at most 1 MB; stop well before (a few MB of attachment text would overflow).
MAX_VECTOR_BYTES = 900_000
WEIGHTS = frozenset("ABCD")


def quote_lexeme(word: str) -> str:
    """A lexeme in tsvector/tsquery input syntax: quoted, quotes and backslashes doubled."""
    if "'" in word or "\\" in word:
        word = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{word}'"


def tsvector_literal(weighted: Iterable[tuple[str, str]]) -> str:
    """The tsvector of space-separated words in weight classes, e.g.
    [("政务 公开", "A"), ("正文", "D")] -> "'政务':1A '公开':2A '正文':3D".

    Words past position 16383 are kept without a position; new words stop once the vector
    nears PostgreSQL's size limit (counted generously: 8 bytes + 3 per character each).
    """
    positions: dict[str, list[str]] = {}
    position, size = 0, 0
    for text, weight in weighted:
        if weight not in WEIGHTS:
            raise ValueError(f"tsvector weight must be one of A-D, not {weight!r}")
        for word in text.split():
            position += 1
            entries = positions.get(word)
            if entries is None:
                size += 8 + 3 * len(word)
                if size > MAX_VECTOR_BYTES:
                    return _render(positions)
                positions[word] = entries = []
            if position < MAX_POSITION and len(entries) < MAX_POSITIONS_PER_LEXEME:
                entries.append(f"{position}{weight}")
                size += 2
    return _render(positions)


def _render(positions: dict[str, list[str]]) -> str:
    return " ".join(
        f"{quote_lexeme(word)}:{','.join(entries)}" if entries else quote_lexeme(word)
        for word, entries in positions.items()
    )


def tsquery_literal(terms: Sequence[str], *, all_terms: bool) -> str:
    """A tsquery matching all (&) or any (|) of the words, e.g. "'政务' & '公开'"."""
    if not terms:
        raise ValueError("a tsquery needs at least one word")
    return (" & " if all_terms else " | ").join(map(quote_lexeme, terms))
