"""Highlighted titles and snippets: escaped HTML with <mark> around the query's words.

Hand-written because neither backend can do it for segmented Chinese: tantivy's
SnippetGenerator re-tokenises the stored text with the field's own tokenizer (no jieba inside
tantivy), and PostgreSQL's ts_headline works on the space-joined tokens, not on the text as
written. Matching is case- and width-insensitive, like the index.

Pure module: no Django imports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from itertools import islice

SNIPPET_CHARS = 160
_CONTEXT_BEFORE = 20
# Windows are chosen among the first matches only: enough for a good excerpt, and a word
# that is everywhere in a long body costs no more than one that is in a paragraph.
_WINDOW_CANDIDATES = 64
_FULL_WIDTH_OFFSET = 0xFEE0
# What html.escape replaces.
_ESCAPED = re.compile("[&<>\"']")


def _char_pattern(char: str) -> str:
    """A printable ASCII character also matches its full-width form (with IGNORECASE, in
    either case), as the index folded both to the same word."""
    if "!" <= char <= "~":
        return f"[{re.escape(char)}{re.escape(chr(ord(char) + _FULL_WIDTH_OFFSET))}]"
    return re.escape(char)


def _pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    return _compiled(tuple(terms))


@lru_cache(maxsize=256)
def _compiled(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One alternation, longest term first, so 政务公开 wins over 政务 at the same place.
    Built once per query, not for each title and snippet of its page (issue 7)."""
    words = sorted({term for term in terms if term}, key=len, reverse=True)
    if not words:
        return None
    alternatives = ("".join(map(_char_pattern, word)) for word in words)
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _render(fragment: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return escape(fragment)
    if _ESCAPED.search(fragment) is None:
        # Nothing to escape (most Chinese text): the marks alone, added in C.
        return pattern.sub(r"<mark>\g<0></mark>", fragment)
    parts, cursor = [], 0
    for match in pattern.finditer(fragment):
        parts.append(escape(fragment[cursor : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    parts.append(escape(fragment[cursor:]))
    return "".join(parts)


def highlight(text: str, terms: Sequence[str]) -> str:
    """The whole text, escaped, with every occurrence of a term marked (titles)."""
    return _render(text, _pattern(terms))


def _best_window(length: int, matches: list[re.Match[str]], size: int) -> int:
    """Start of the window of `size` characters holding the most distinct terms, then matches.

    Windows start a little before each match; a sliding window over the matches (in text
    order) keeps this linear. It runs for every hit shown: plain lists and a dict, not match
    objects and a Counter, in the loop.
    """
    starts = [match.start() for match in matches]
    ends = [match.end() for match in matches]
    keys = [match.group().lower() for match in matches]
    inside: dict[str, int] = {}
    best_start, best_score, left, right, count = 0, (-1, -1), 0, 0, len(matches)
    for anchor in starts:
        start = max(0, min(anchor - _CONTEXT_BEFORE, length - size))
        while right < count and ends[right] <= start + size:
            inside[keys[right]] = inside.get(keys[right], 0) + 1
            right += 1
        while left < right and starts[left] < start:
            if inside[keys[left]] == 1:
                del inside[keys[left]]
            else:
                inside[keys[left]] -= 1
            left += 1
        score = (len(inside), right - left)
        if score > best_score:
            best_start, best_score = start, score
    return best_start


def snippet(text: str, terms: Sequence[str], size: int = SNIPPET_CHARS) -> str:
    """An excerpt of about `size` characters around the densest matches, escaped and marked."""
    # Runs of whitespace made single spaces: str.split() knows the same whitespace as the
    # regular expression \s and runs in C, several times faster on a long body.
    text = " ".join(text.split())
    pattern = _pattern(terms)
    matches = list(islice(pattern.finditer(text), _WINDOW_CANDIDATES)) if pattern else []
    start = _best_window(len(text), matches, size) if matches else 0
    end = min(len(text), start + size)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + _render(text[start:end], pattern) + suffix


def document_snippet(summary: str, body: str, terms: Sequence[str]) -> str:
    """The snippet of a result: from the body where the query's words are, else the summary."""
    pattern = _pattern(terms)
    body_matches = bool(body) and pattern is not None and pattern.search(body) is not None
    source = body if body_matches or not summary else summary
    return snippet(source, terms)
