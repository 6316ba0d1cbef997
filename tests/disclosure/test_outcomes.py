"""The outcome, applicant-type and channel vocabularies against the official 年报 text."""

import pytest

from gongkai.disclosure import outcomes as o

# Copied from table 三 of 国办公开办函〔2021〕30号 as printed in a 2024 report (regulations §2.4).
OFFICIAL_2021 = [
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld.state_secret", "1.属于国家秘密"),
    ("withheld.prohibited_by_law", "2.其他法律行政法规禁止公开"),
    ("withheld.security_stability", "3.危及“三安全一稳定”"),
    ("withheld.third_party", "4.保护第三方合法权益"),
    ("withheld.internal_affairs", "5.属于三类内部事务信息"),
    ("withheld.process_info", "6.属于四类过程性信息"),
    ("withheld.enforcement_file", "7.属于行政执法案卷"),
    ("withheld.query_matter", "8.属于行政查询事项"),
    ("unavailable.not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable.unclear_after_correction", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "1.信访举报投诉类申请"),
    ("not_processed.repeat", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.excessive", "4.无正当理由大量反复申请"),
    ("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    (
        "other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other.other", "3.其他"),
]


def test_the_21_codes_in_issue_order():
    assert tuple(code for code, _ in OFFICIAL_2021) == o.OUTCOME_CODES
    assert len(o.OUTCOME_CODES) == 21


@pytest.mark.parametrize(("code", "label"), OFFICIAL_2021)
def test_row_labels_are_the_official_text(code, label):
    assert o.outcome(code).label == label
    assert o.row_label(code) == label


def test_every_outcome_sits_in_the_group_its_code_names():
    for outcome in o.OUTCOME_LIST:
        assert outcome.code.split(".")[0] == outcome.group.code
        assert outcome.label_en


def test_group_labels():
    assert [g.label for g in o.GROUPS] == [
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
    ]
    assert [g.name for g in o.GROUPS] == [
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    ]


def test_2019_format_folds_other_handling_into_one_row():
    rows = o.result_rows(o.FORMAT_2019)
    assert len(rows) == 19
    assert rows[:18] == o.OUTCOME_CODES[:18]
    assert rows[-1] == o.ROW_2019_OTHER
    assert o.row_label(o.ROW_2019_OTHER, o.FORMAT_2019) == "（六）其他处理"
    assert {o.outcome(c).row_2019 for c in ("other.no_correction", "other.fee_unpaid")} == {"other"}
    with pytest.raises(KeyError):
        o.row_label("other.other", o.FORMAT_2019)


def test_importing_2019_rows():
    assert o.outcome_from_2019_row("other") == "other.other"
    assert o.outcome_from_2019_row("withheld.third_party") == "withheld.third_party"
    with pytest.raises(KeyError):
        o.outcome_from_2019_row("other.fee_unpaid")


def test_legal_basis():
    assert o.outcome("withheld.state_secret").basis == "《条例》第十四条"
    assert o.outcome("partial").basis == "《条例》第三十七条"
    assert o.outcome("not_processed.excessive").basis == "《条例》第三十五条"
    assert o.outcome("other.no_correction").basis == "《条例》第三十条"
    # No article found for this row (regulations §8 item 3).
    assert o.outcome("not_processed.confirmation").basis is None


def test_short_names_and_choices():
    assert o.outcome("withheld.state_secret").name == "属于国家秘密"
    assert o.outcome("partial").name == "部分公开"
    choices = dict(o.outcome_choices())
    assert choices["granted"] == "予以公开"
    assert choices["unavailable.not_held"] == "无法提供：本机关不掌握相关政府信息"


def test_unknown_code_and_format():
    with pytest.raises(KeyError, match="unknown outcome code"):
        o.outcome("granted.partly")
    with pytest.raises(ValueError, match="unknown report format"):
        o.result_rows("2015")


def test_applicant_types_in_table_column_order():
    assert o.APPLICANT_TYPE_CODES == (
        "natural_person",
        "commercial",
        "research",
        "nonprofit",
        "legal_services",
        "other_org",
    )
    assert [a.label for a in o.APPLICANT_TYPE_LIST] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert [a.is_organisation for a in o.APPLICANT_TYPE_LIST] == [False] + [True] * 5
    assert dict(o.applicant_type_choices())["research"] == "法人或其他组织：科研机构"


def test_channels():
    assert o.CHANNEL_CODES == (
        "in_person",
        "post_signed",
        "post_ordinary",
        "online",
        "fax",
        "email",
    )
    assert all(c.label and c.label_en for c in o.CHANNEL_LIST)
