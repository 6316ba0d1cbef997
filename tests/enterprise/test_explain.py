"""Verdicts explained in words, in both languages."""

import datetime as dt

from django.utils import translation

from gongkai.enterprise import explain, rules
from gongkai.enterprise.rules import Facts

AS_OF = dt.date(2026, 6, 30)
RULE = rules.parse({"all": [
    {"field": "revenue", "op": ">=", "value": 2000, "clause": "第五条（一）"},
    {"field": "employees", "op": "<=", "value": 300},
    {"field": "founded", "op": "within_years", "value": 5},
    {"field": "industry", "op": "under", "value": ["C3911"]},
    {"field": "qualification", "op": "held", "value": "high_tech"},
    {"field": "tags", "op": "has", "value": "出口"},
]})  # fmt: skip
FACTS = Facts({"revenue:2025": 1800, "employees": 320}, industry="C39",
              qualifications={"high_tech": (dt.date(2024, 1, 1), dt.date(2026, 12, 31))})  # fmt: skip


def test_each_condition_gives_value_threshold_and_gap_in_chinese():
    with translation.override("zh-hans"):
        lines = explain.explain(RULE, FACTS, AS_OF)
    assert [line.state for line in lines] == ["not_met", "not_met", "unknown", "unknown", "met",
                                              "not_met"]  # fmt: skip
    texts = [line.text for line in lines]
    assert texts[0] == "2025年营业收入 1,800万元，要求不低于 2,000万元，差 200万元"
    assert texts[1] == "从业人数 320人，要求不高于 300人，超出 20人"
    assert texts[2] == "成立日期未填报，要求成立不超过 5 年（2021-06-30 及以后）"
    assert texts[3] == "所属行业 C39，不够细，无法判断是否属于 C3911"
    assert texts[4] == "高新技术企业：有效期 2024-01-01 至 2026-12-31，2026-06-30 有效"
    assert texts[5] == "标签“出口”：无"
    assert lines[0].as_dict()["clause"] == "第五条（一）"


def test_explanations_read_in_english():
    with translation.override("en"):
        lines = explain.explain(RULE, FACTS, AS_OF)
    assert lines[0].text == (
        "Revenue 2025 ¥18,000,000, required at least ¥20,000,000, short by ¥2,000,000"
    )
    assert lines[1].text == "Employees 320, required at most 300, over by 20"
    for line in lines:
        assert not any("\u4e00" <= char <= "\u9fff" for char in line.text.replace("出口", ""))
