"""Small text rules shared by forms and publication checks (no Django imports).

`ValidationResult` is the answer every pure validator in `core` gives: a code the caller can
branch on and the message in Chinese and English, ready for a form error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Characters that only hide or reorder text: zero-width ones (used to split a forbidden word
# invisibly), the byte-order mark, and the bidi overrides and isolates (used to spoof text).
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_KEPT_CONTROLS = "\t\n\r"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ValidationResult:
    """Outcome of a pure validator: `ok`, a stable `code`, and the reason in zh and en."""

    ok: bool
    code: str = "ok"
    message_zh: str = ""
    message_en: str = ""

    def __bool__(self) -> bool:
        return self.ok


VALID = ValidationResult(ok=True)


def invalid(code: str, message_zh: str, message_en: str) -> ValidationResult:
    return ValidationResult(ok=False, code=code, message_zh=message_zh, message_en=message_en)


def strip_control_chars(text: str) -> str:
    """Remove control characters (except tab, newline, carriage return) and invisible
    characters that only hide or reorder text."""
    return "".join(
        ch
        for ch in text
        if ch in _KEPT_CONTROLS or (unicodedata.category(ch) != "Cc" and ch not in _INVISIBLE)
    )


def _comparable(text: str) -> str:
    """Fold width and case and drop spaces and invisible characters, so 'Ａ Ｂ' finds 'ab'."""
    folded = unicodedata.normalize("NFKC", strip_control_chars(text)).casefold()
    return _SPACES.sub("", folded)


def find_forbidden_words(text: str, words: Iterable[str]) -> list[str]:
    """The configured forbidden words that occur in `text`, as configured, in the given order
    and without repeats. Width, case, spaces and zero-width characters do not hide a word."""
    haystack = _comparable(text)
    found: list[str] = []
    for word in words:
        needle = _comparable(word)
        if needle and needle in haystack and word not in found:
            found.append(word)
    return found
