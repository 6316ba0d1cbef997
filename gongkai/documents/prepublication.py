"""Checks before publication (发布前检查): pure rules over the facts of one document.

Each problem blocks publication unless the office reviewer overrides it with a written reason.
A missing second interpretation form is a warning, not a block.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from gongkai.core.pii import find_personal_data
from gongkai.core.textrules import find_forbidden_words

PII_KIND_LABELS = {
    "resident_id": ("居民身份证号码", "resident ID number"),
    "mobile": ("手机号码", "mobile number"),
    "bank_card": ("银行卡号", "bank card number"),
    "address": ("个人住址", "home address"),
}


@dataclass(frozen=True)
class Problem:
    code: str
    message_zh: str
    message_en: str
    blocking: bool = True
    # False for a rule no written reason may set aside (a major decision without its
    # consultation's adoption report, 重大行政决策).
    overridable: bool = True

    @property
    def message(self) -> str:
        return f"{self.message_zh} {self.message_en}"


@dataclass(frozen=True)
class PublicationFacts:
    """What the checks need to know about a document, gathered by the caller."""

    title: str
    texts: Sequence[tuple[str, str]]  # (where, text): body, each attachment's extracted text
    missing_fields: Sequence[tuple[str, str]] = ()  # (label zh, label en)
    needs_interpretation: bool = False
    has_approved_interpretation: bool = False
    interpretation_form_count: int = 0
    missing_attachments: Sequence[tuple[int, str]] = ()  # (N, name) of 附件N listed, not attached
    extra_problems: Sequence[Problem] = field(default_factory=tuple)


def check_publication(
    facts: PublicationFacts, forbidden_words: Iterable[str] = ()
) -> list[Problem]:
    words = list(forbidden_words)
    problems = list(facts.extra_problems)
    problems += _missing_field_problems(facts.missing_fields)
    for where, text in [("标题", facts.title), *facts.texts]:
        problems += _personal_data_problems(where, text)
        problems += _forbidden_word_problems(where, text, words)
    problems += _interpretation_problems(facts)
    problems += _missing_attachment_problems(facts.missing_attachments)
    return problems


def blocking(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.blocking]


def not_overridable(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.blocking and not problem.overridable]


def _missing_field_problems(missing: Sequence[tuple[str, str]]) -> list[Problem]:
    if not missing:
        return []
    zh = "、".join(label for label, _ in missing)
    en = ", ".join(label for _, label in missing)
    return [
        Problem("missing_metadata", f"缺少必填信息：{zh}。", f"Required metadata missing: {en}.")
    ]


def _personal_data_problems(where: str, text: str) -> list[Problem]:
    problems = []
    for match in find_personal_data(text or ""):
        zh, en = PII_KIND_LABELS.get(match.kind, (match.kind, match.kind))
        problems.append(
            Problem(
                f"personal_data.{match.kind}",
                f"{where}中含有未遮蔽的{zh}：{match.masked}。",
                f"Unmasked {en} in {where}: {match.masked}.",
            )
        )
    return problems


def _forbidden_word_problems(where: str, text: str, words: list[str]) -> list[Problem]:
    found = find_forbidden_words(text or "", words) if words else []
    if not found:
        return []
    listed = "、".join(found)
    return [
        Problem(
            "forbidden_words",
            f"{where}中含有禁用词：{listed}。",
            f"Forbidden words in {where}: {listed}.",
        )
    ]


def _interpretation_problems(facts: PublicationFacts) -> list[Problem]:
    if not facts.needs_interpretation:
        return []
    if not facts.has_approved_interpretation:
        return [
            Problem(
                "interpretation_missing",
                "该文件需要政策解读，但尚无已审核通过的解读。",
                "This document needs an interpretation, but none has been approved.",
            )
        ]
    if facts.interpretation_form_count < 2:
        return [
            Problem(
                "interpretation_forms",
                "政策解读少于两种形式（文字、图解、音频、视频、动漫）。",
                "The interpretation has fewer than two forms (text, chart, audio, video, animation).",
                blocking=False,
            )
        ]
    return []


def _missing_attachment_problems(missing: Sequence[tuple[int, str]]) -> list[Problem]:
    return [
        Problem(
            "attachment_missing",
            f"附件未随文件导入：正文所列附件{number}“{name}”，请在“附件”中上传。",
            f"Attachment not included in the import: attachment {number} listed in the text "
            f"(“{name}”); upload it under Attachments.",
            blocking=False,
        )
        for number, name in missing
    ]
