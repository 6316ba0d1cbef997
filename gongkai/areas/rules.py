"""Pure rules of the key-area records: when a guide needs revising, and the words it is found by.

No ORM here: callers pass plain values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.search.segmentation import tokens_for_index

# 有效性 of a basis document that leaves a guide resting on nothing (已废止, 已失效). An amended
# document (已修订) is still in force as amended.
NOT_IN_FORCE = frozenset({"repealed", "expired"})


@dataclass(frozen=True)
class Basis:
    """What a guide needs to know of one basis document."""

    title: str
    doc_number: str
    validity: str
    validity_label: str
    changed_on: date | None


def stale_bases(bases: Iterable[Basis]) -> list[Basis]:
    """The basis documents no longer in force."""
    return [basis for basis in bases if basis.validity in NOT_IN_FORCE]


def revision_reason(bases: Iterable[Basis]) -> str:
    """Why a guide is 待修订, one line per basis document no longer in force ("" when none is):
    《title》number: 已废止 (2026-10-01)."""
    lines = []
    for basis in stale_bases(bases):
        number = basis.doc_number and f"（{basis.doc_number}）"
        when = f" {basis.changed_on:%Y-%m-%d}" if basis.changed_on else ""
        lines.append(f"《{basis.title}》{number}{basis.validity_label}{when}")
    return "\n".join(lines)


def search_words(*texts: str) -> str:
    """The indexed words of a record's texts, space-separated with a space at each end, so
    that a word is found by looking for " word " (the search app's segmentation: the same
    words its query parsing finds)."""
    words = tokens_for_index(" ".join(text for text in texts if text)).split()
    return f" {' '.join(dict.fromkeys(words))} " if words else ""


def over_limit(*, limit, balance) -> bool:
    """政府债务余额不得超过限额: the year-end balance above the limit the higher level set."""
    return limit is not None and balance is not None and balance > limit


def amount_text(value) -> str:
    """An amount in 万元 as tables show it: two decimals, thousands apart."""
    return "" if value is None else f"{value:,.2f}"
