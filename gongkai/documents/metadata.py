"""Small pure rules about document metadata."""

import re

_KEYWORD_SEPARATORS = re.compile(r"[\s,，、;；]+")


def split_keywords(text: str) -> list[str]:
    """Keywords as entered, split on spaces, commas, 、 and semicolons, without repeats."""
    seen: dict[str, None] = {}
    for word in _KEYWORD_SEPARATORS.split(text or ""):
        if word:
            seen.setdefault(word, None)
    return list(seen)
