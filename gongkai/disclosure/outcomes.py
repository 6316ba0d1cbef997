"""Vocabularies of disclosure requests (依申请公开): reply outcomes, applicant types, channels.

Pure data, no Django. The outcome taxonomy is the 21 leaves of table 三 of the annual report
format 国办公开办函〔2021〕30号; the row labels are the official text, character for character
(regulations.md §2.4). The 2019 trial format (国办公开办函〔2019〕60号, used for the 2019 and
2020 reports) has the same rows except that （六）其他处理 is one row without sub-rows, so all
three ``other.*`` codes fold into it (``ROW_2019_OTHER``).

The legal basis given for each outcome is the platform's reading of the 2019 《政府信息公开条例》
(regulations.md §1.4, "my reading"); the 年报 row 要求行政机关确认或重新出具已获取信息 has no
article found (UNCONFIRMED, §8 item 3), so its basis is ``None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMATS = (FORMAT_2021, FORMAT_2019)

# 2019 trial format: the single （六）其他处理 row that all ``other.*`` codes fold into.
ROW_2019_OTHER = "other"
ROW_2019_OTHER_LABEL = "（六）其他处理"


@dataclass(frozen=True)
class OutcomeGroup:
    """A group of table 三 rows, e.g. （三）不予公开 with its eight sub-rows."""

    code: str
    label: str  # official row label, e.g. "（三）不予公开"
    name: str  # short Chinese name, e.g. "不予公开"
    name_en: str


@dataclass(frozen=True)
class Outcome:
    """One of the 21 outcomes a reply (答复) can carry; one row of table 三 (2021 format)."""

    code: str
    group: OutcomeGroup
    label: str  # exact official row label in the 2021 format
    label_en: str
    row_2019: str  # key of the 2019 trial-format row this outcome is counted in
    basis: str | None  # 《条例》 article(s), Chinese
    basis_en: str | None

    @property
    def name(self) -> str:
        """The label without its list number ("1.属于国家秘密" → "属于国家秘密")."""
        head, sep, tail = self.label.partition(".")
        return tail if sep and head.isdigit() else self.group.name


GRANTED_GROUP = OutcomeGroup("granted", "（一）予以公开", "予以公开", "Disclosed")
PARTIAL_GROUP = OutcomeGroup(
    "partial",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "部分公开",
    "Partly disclosed",
)
WITHHELD = OutcomeGroup("withheld", "（三）不予公开", "不予公开", "Not disclosed")
UNAVAILABLE = OutcomeGroup("unavailable", "（四）无法提供", "无法提供", "Cannot be provided")
NOT_PROCESSED = OutcomeGroup("not_processed", "（五）不予处理", "不予处理", "Not processed")
OTHER = OutcomeGroup("other", "（六）其他处理", "其他处理", "Other handling")

GROUPS: tuple[OutcomeGroup, ...] = (
    GRANTED_GROUP,
    PARTIAL_GROUP,
    WITHHELD,
    UNAVAILABLE,
    NOT_PROCESSED,
    OTHER,
)


def _outcome(code, group, label, label_en, basis=None, basis_en=None, row_2019=None):
    return Outcome(code, group, label, label_en, row_2019 or code, basis, basis_en)


_ART_14 = ("《条例》第十四条", "Regulations art. 14")
_ART_16_2 = ("《条例》第十六条第二款", "Regulations art. 16(2)")

OUTCOME_LIST: tuple[Outcome, ...] = (
    _outcome(
        "granted",
        GRANTED_GROUP,
        GRANTED_GROUP.label,
        "Disclosed",
        "《条例》第三十六条第（一）项、第（二）项",
        "Regulations art. 36(1), 36(2)",
    ),
    _outcome(
        "partial",
        PARTIAL_GROUP,
        PARTIAL_GROUP.label,
        "Partly disclosed (counted only here when the request was split)",
        "《条例》第三十七条",
        "Regulations art. 37",
    ),
    _outcome("withheld.state_secret", WITHHELD, "1.属于国家秘密", "State secret", *_ART_14),
    _outcome(
        "withheld.prohibited_by_law",
        WITHHELD,
        "2.其他法律行政法规禁止公开",
        "Disclosure prohibited by other laws or administrative regulations",
        *_ART_14,
    ),
    _outcome(
        "withheld.security_stability",
        WITHHELD,
        "3.危及“三安全一稳定”",
        "Would endanger national, public or economic security or social stability",
        *_ART_14,
    ),
    _outcome(
        "withheld.third_party",
        WITHHELD,
        "4.保护第三方合法权益",
        "Protects the lawful rights and interests of a third party",
        "《条例》第十五条、第三十二条",
        "Regulations art. 15, 32",
    ),
    _outcome(
        "withheld.internal_affairs",
        WITHHELD,
        "5.属于三类内部事务信息",
        "Internal affairs information (three kinds)",
        "《条例》第十六条第一款",
        "Regulations art. 16(1)",
    ),
    _outcome(
        "withheld.process_info",
        WITHHELD,
        "6.属于四类过程性信息",
        "Process information (four kinds)",
        *_ART_16_2,
    ),
    _outcome(
        "withheld.enforcement_file",
        WITHHELD,
        "7.属于行政执法案卷",
        "Administrative enforcement case file",
        *_ART_16_2,
    ),
    _outcome(
        "withheld.query_matter",
        WITHHELD,
        "8.属于行政查询事项",
        "Matter for an administrative inquiry procedure",
        "《条例》第三十六条第（七）项",
        "Regulations art. 36(7)",
    ),
    _outcome(
        "unavailable.not_held",
        UNAVAILABLE,
        "1.本机关不掌握相关政府信息",
        "This agency does not hold the information",
        "《条例》第三十六条第（四）项、第（五）项",
        "Regulations art. 36(4), 36(5)",
    ),
    _outcome(
        "unavailable.needs_creation",
        UNAVAILABLE,
        "2.没有现成信息需要另行制作",
        "No existing information; it would have to be created",
        "《条例》第三十八条",
        "Regulations art. 38",
    ),
    _outcome(
        "unavailable.unclear_after_correction",
        UNAVAILABLE,
        "3.补正后申请内容仍不明确",
        "Request still unclear after correction",
        "《条例》第三十条",
        "Regulations art. 30",
    ),
    _outcome(
        "not_processed.petition",
        NOT_PROCESSED,
        "1.信访举报投诉类申请",
        "Petition, report or complaint",
        "《条例》第三十九条第一款",
        "Regulations art. 39(1)",
    ),
    _outcome(
        "not_processed.repeat",
        NOT_PROCESSED,
        "2.重复申请",
        "Repeated request",
        "《条例》第三十六条第（六）项",
        "Regulations art. 36(6)",
    ),
    _outcome(
        "not_processed.publication",
        NOT_PROCESSED,
        "3.要求提供公开出版物",
        "Request for a public publication",
        "《条例》第三十九条第二款",
        "Regulations art. 39(2)",
    ),
    _outcome(
        "not_processed.excessive",
        NOT_PROCESSED,
        "4.无正当理由大量反复申请",
        "Large numbers of repeated requests without good reason",
        "《条例》第三十五条",
        "Regulations art. 35",
    ),
    _outcome(
        "not_processed.confirmation",
        NOT_PROCESSED,
        "5.要求行政机关确认或重新出具已获取信息",
        "Asks the agency to confirm or re-issue information already obtained",
    ),
    _outcome(
        "other.no_correction",
        OTHER,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "Applicant did not correct the request in time without good reason; processing stopped",
        "《条例》第三十条",
        "Regulations art. 30",
        ROW_2019_OTHER,
    ),
    _outcome(
        "other.fee_unpaid",
        OTHER,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "Applicant did not pay the fee notice in time; processing stopped",
        "《条例》第四十二条；国办函〔2020〕109号",
        "Regulations art. 42; State Council General Office letter [2020] 109",
        ROW_2019_OTHER,
    ),
    _outcome("other.other", OTHER, "3.其他", "Other", row_2019=ROW_2019_OTHER),
)

OUTCOMES: Mapping[str, Outcome] = MappingProxyType({o.code: o for o in OUTCOME_LIST})
OUTCOME_CODES: tuple[str, ...] = tuple(OUTCOMES)

# Row keys of table 三's result block in the 2019 trial format, in official order.
ROWS_2019: tuple[str, ...] = tuple(dict.fromkeys(o.row_2019 for o in OUTCOME_LIST))


def outcome(code: str) -> Outcome:
    """The outcome for ``code``; ``KeyError`` names the unknown code."""
    try:
        return OUTCOMES[code]
    except KeyError:
        raise KeyError(f"未知的处理结果代码 / unknown outcome code: {code!r}") from None


def row_label(row: str, fmt: str = FORMAT_2021) -> str:
    """Official label of a result row of table 三 in ``fmt`` (an outcome code or 2019 row key)."""
    if fmt == FORMAT_2019 and row == ROW_2019_OTHER:
        return ROW_2019_OTHER_LABEL
    if fmt == FORMAT_2019 and row.startswith("other."):
        raise KeyError(f"2019年格式没有该行 / no such row in the 2019 format: {row!r}")
    return outcome(row).label


def result_rows(fmt: str = FORMAT_2021) -> tuple[str, ...]:
    """Row keys of table 三's 本年度办理结果 block in ``fmt``, in official order."""
    if fmt == FORMAT_2021:
        return OUTCOME_CODES
    if fmt == FORMAT_2019:
        return ROWS_2019
    raise ValueError(f"未知的年报格式 / unknown report format: {fmt!r}")


def outcome_from_2019_row(row: str) -> str:
    """The outcome code to store for a 2019-format row when importing old data (regulations §9):
    the single （六）其他处理 row becomes ``other.other``."""
    if row == ROW_2019_OTHER:
        return "other.other"
    if row not in ROWS_2019:
        raise KeyError(f"2019年格式没有该行 / no such row in the 2019 format: {row!r}")
    return row


def outcome_choices() -> list[tuple[str, str]]:
    """(code, "group · row") pairs for select boxes, in official order."""
    return [(o.code, _choice_label(o)) for o in OUTCOME_LIST]


def _choice_label(o: Outcome) -> str:
    if o.group.code in ("granted", "partial"):
        return o.group.name
    return f"{o.group.name}：{o.name}"


# ---------------------------------------------------------------------------------------------
# Applicant types (申请人情况) — the six data columns of table 三, in official order.


@dataclass(frozen=True)
class ApplicantType:
    code: str
    label: str  # exact column label in table 三
    label_en: str
    is_organisation: bool  # rolls up to 法人或其他组织


ORGANISATION_LABEL = "法人或其他组织"
ORGANISATION_LABEL_EN = "Legal persons or other organisations"
TOTAL_COLUMN_LABEL = "总计"

APPLICANT_TYPE_LIST: tuple[ApplicantType, ...] = (
    ApplicantType("natural_person", "自然人", "Natural person", False),
    ApplicantType("commercial", "商业企业", "Commercial enterprise", True),
    ApplicantType("research", "科研机构", "Research institution", True),
    ApplicantType("nonprofit", "社会公益组织", "Public-interest organisation", True),
    ApplicantType("legal_services", "法律服务机构", "Legal services firm", True),
    ApplicantType("other_org", "其他", "Other organisation", True),
)
APPLICANT_TYPES: Mapping[str, ApplicantType] = MappingProxyType(
    {a.code: a for a in APPLICANT_TYPE_LIST}
)
APPLICANT_TYPE_CODES: tuple[str, ...] = tuple(APPLICANT_TYPES)


def applicant_type_choices() -> list[tuple[str, str]]:
    """(code, label) pairs; organisation types are shown as "法人或其他组织：商业企业"."""
    return [
        (a.code, f"{ORGANISATION_LABEL}：{a.label}" if a.is_organisation else a.label)
        for a in APPLICANT_TYPE_LIST
    ]


# ---------------------------------------------------------------------------------------------
# Channels (申请渠道) — each has its own receipt-date rule, see ``receipt.py``.


@dataclass(frozen=True)
class Channel:
    code: str
    label: str
    label_en: str


CHANNEL_LIST: tuple[Channel, ...] = (
    Channel("in_person", "当面提交", "In person"),
    Channel("post_signed", "邮寄（需签收）", "Post, signed for"),
    Channel("post_ordinary", "平常信函（无需签收）", "Ordinary letter (no signature)"),
    Channel("online", "互联网渠道（网上申请）", "Online"),
    Channel("fax", "传真", "Fax"),
    Channel("email", "电子邮件", "E-mail"),
)
CHANNELS: Mapping[str, Channel] = MappingProxyType({c.code: c for c in CHANNEL_LIST})
CHANNEL_CODES: tuple[str, ...] = tuple(CHANNELS)


def channel_choices() -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in CHANNEL_LIST]
