"""Which file is which listed attachment (附件) of a document (pure: no Django).

A document ends with the attachments it names (附件：1.X 2.Y); extraction keeps their names
in order, so the N-th name is 附件N. A file supplies a listed attachment when, its suffix,
spaces and punctuation (《》、：…, full-width or not) set aside:

- it names the same number and nothing else (附件2.pdf, 附件 二.docx, 2.pdf), or the same
  number and a name that the listed name contains or that contains it
  (附件1 贵阳国家高新区政务公开工作规范流程.docx, 附件1：工作规范流程.pdf);
- or it names no number and the same name (贵阳国家高新区政务公开工作规范流程.pdf).

A file that names another number never matches, whatever its name.

Staff edit the list in the back office; ``listing_errors`` says what is wrong with one.

A file imported later, alone, may still supply an attachment a document in the library
lacks (``MissingAttachments``): only when its name has words of its own (a bare 附件2.pdf
could be any document's) and exactly one missing attachment answers to them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

ORIGINAL_TITLE = "原文"  # the title of the imported file itself, never a listed attachment
_SUFFIX = re.compile(
    r"\.(?:pdf|docx?|xlsx?|ofd|jpe?g|png|zip|rar|txt|html?|wps|et|pptx?)$", re.IGNORECASE
)
_CHINESE_DIGITS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}
# 附件1, 附件 二, or a bare number before a separator (1. / 2、 / 3_), never a year (2019年).
_NUMBER = re.compile(
    r"^(?:附\s*件\s*(?P<attached>\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"|(?P<bare>\d{1,2})(?:$|[.、_\-]|\s))"
)
_NOT_A_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class NameKey:
    """A name as compared: its attachment number (if it writes one) and its words."""

    number: int | None
    words: str


def _chinese_number(text: str) -> int:
    if len(text) == 1:
        return _CHINESE_DIGITS[text]
    tens, _ten, units = text.partition("十")  # 十二, 二十, 二十三
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def name_key(name: str) -> NameKey:
    """The number and the words of a file or listed name."""
    text = unicodedata.normalize("NFKC", name).replace("\\", "/").rsplit("/", 1)[-1]
    text = _SUFFIX.sub("", text.strip()).strip()
    number = None
    match = _NUMBER.match(text)
    if match:
        written = match["attached"] or match["bare"]
        number = int(written) if written.isdigit() else _chinese_number(written)
        text = text[match.end() :]
    return NameKey(number, _NOT_A_WORD.sub("", text).casefold())


def supplies(listed: str, number: int, file_name: str) -> bool:
    """Whether a file (by its name) is the listed attachment ``listed``, the ``number``-th
    of its list."""
    wanted, given = name_key(listed), name_key(file_name)
    if given.number is not None:
        if given.number != number:
            return False
        if not given.words:
            return True
        return bool(wanted.words) and (given.words in wanted.words or wanted.words in given.words)
    return bool(given.words) and given.words == wanted.words


def match_listed(listed: Sequence[str], candidates: Sequence[Iterable[str]]) -> list[int | None]:
    """For each listed name (in order: the N-th is 附件N), the position of the candidate
    that supplies it, or None. A candidate is the names it goes by (a file name, or an
    attachment's title and file name) and supplies one listed name at most; an exact
    match wins over a partial one."""
    names = [list(names) for names in candidates]
    found: list[int | None] = [None] * len(listed)
    taken: set[int] = set()
    for exact in (True, False):
        for position, name in enumerate(listed):
            if found[position] is not None:
                continue
            for index, candidate in enumerate(names):
                if index not in taken and any(
                    _matches(name, position + 1, one, exact) for one in candidate
                ):
                    found[position] = index
                    taken.add(index)
                    break
    return found


def _matches(listed: str, number: int, file_name: str, exact: bool) -> bool:
    if not exact:
        return supplies(listed, number, file_name)
    wanted, given = name_key(listed), name_key(file_name)
    return given.number in (None, number) and bool(given.words) and given.words == wanted.words


@dataclass(frozen=True)
class ListingError:
    """What is wrong with a list of attachment names, in Chinese and English."""

    message_zh: str
    message_en: str


def listing_errors(names: Sequence[str], max_length: int) -> list[ListingError]:
    """What keeps ``names`` (in order: the N-th is 附件N) from being a document's list of
    attachments: a name that is empty, longer than ``max_length`` characters, or the same
    as an earlier one (compared as files are matched: case, width, spaces and punctuation
    set aside)."""
    errors = []
    first_of: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        name = name.strip()
        if not name:
            errors.append(
                ListingError(f"附件{number}的名称为空。", f"Attachment {number} has no name.")
            )
            continue
        if len(name) > max_length:
            errors.append(
                ListingError(
                    f"附件{number}的名称过长（{len(name)}个字符，最多{max_length}个）。",
                    f"The name of attachment {number} is too long ({len(name)} characters, "
                    f"at most {max_length}).",
                )
            )
        key = name_key(name).words or name
        if key in first_of:
            errors.append(
                ListingError(
                    f"附件{number}与附件{first_of[key]}的名称重复：“{name}”。",
                    f"Attachment {number} has the same name as attachment {first_of[key]}: "
                    f"“{name}”.",
                )
            )
        else:
            first_of[key] = number
    return errors


class MissingAttachments:
    """The listed attachments documents lack a file for, as (owner, N, listed name), to find
    the one a file of a later import supplies."""

    def __init__(self, missing: Iterable[tuple[int, int, str]]):
        self.missing = [entry for entry in missing if name_key(entry[2]).words]
        self._words = [name_key(name).words for _owner, _number, name in self.missing]
        self._by_words: dict[str, list[int]] = defaultdict(list)
        self._by_number: dict[int, list[int]] = defaultdict(list)
        for index, ((_owner, number, _name), words) in enumerate(
            zip(self.missing, self._words, strict=True)
        ):
            self._by_words[words].append(index)
            self._by_number[number].append(index)

    def supplied_by(self, file_name: str) -> tuple[int, int, str] | None:
        """The missing attachment a file supplies by its name alone: the one whose name it
        gives (and number, if it writes one), else the one of its number whose name
        contains its words or is contained in them; None when none or several answer."""
        given = name_key(file_name)
        if not given.words:
            return None
        exact = [
            index
            for index in self._by_words.get(given.words, ())
            if given.number in (None, self.missing[index][1])
        ]
        partial = [
            index
            for index in self._by_number.get(given.number, ())
            if given.words in self._words[index] or self._words[index] in given.words
        ]
        found = exact or partial
        return self.missing[found[0]] if len(found) == 1 else None

    def remove(self, entry: tuple[int, int, str]) -> None:
        """The attachment is supplied now."""
        index = self.missing.index(entry)
        self._by_words[self._words[index]].remove(index)
        self._by_number[entry[1]].remove(index)
