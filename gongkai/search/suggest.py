"""“您是不是要找”: the nearest spelling of a query that found nothing, taken from the words of
the library itself (document titles).

A near miss is one character wrong, missing or extra (政务工开, 政务开, 政务公公开) in a word of
two characters or more; each space-separated word is corrected on its own. Pure module: the
caller passes the text to look in (titles joined by newlines).
"""

from __future__ import annotations

import re
from collections import Counter

MIN_WORD = 2  # one character has too many neighbours to guess from
MAX_WORD = 20


def _neighbours(word: str) -> re.Pattern:
    """A pattern matching every string one edit away from ``word`` (or ``word`` itself)."""
    parts = set()
    for i in range(len(word)):
        head, tail = re.escape(word[:i]), re.escape(word[i + 1 :])
        parts.add(f"{head}[^\\n]{tail}")  # a wrong character
        parts.add(f"{head}{tail}")  # an extra character typed
    for i in range(len(word) + 1):
        parts.add(f"{re.escape(word[:i])}[^\\n]{re.escape(word[i:])}")  # a character missing
    # Longest first: the alternation then prefers the spelling that keeps the most characters.
    return re.compile("|".join(sorted(parts, key=len, reverse=True)), re.IGNORECASE)


def _corrected(word: str, corpus: str) -> str:
    if not MIN_WORD <= len(word) <= MAX_WORD or word.lower() in corpus.lower():
        return word
    found = Counter(
        match.group(0)
        for match in _neighbours(word).finditer(corpus)
        if len(match.group(0)) >= MIN_WORD and not match.group(0).isspace()
    )
    if not found:
        return word
    # The most frequent spelling; ties go to the one of the query's length, then the first seen.
    return max(found, key=lambda spelling: (found[spelling], len(spelling) == len(word)))


def did_you_mean(text: str, corpus: str) -> str | None:
    """The query with each unknown word replaced by its nearest spelling in ``corpus``, or
    None when nothing could be corrected."""
    words = text.split()
    suggestion = [_corrected(word, corpus) for word in words]
    if suggestion == words:
        return None
    return " ".join(suggestion)
