"""Candidate conditions read from 申报条件 text."""

from gongkai.enterprise import candidates, rules

TEXT = """第五条 申报条件
（一）在福州市注册，具有独立法人资格；
（二）上年度营业收入不低于2000万元，研发投入不少于100万元；
（三）成立时间满3年以上，从业人员不少于50人；
（四）获得高新技术企业或专精特新“小巨人”认定。
第六条 营业收入超过1.5亿元的，另行申报。"""


def test_amounts_years_people_qualifications_and_regions_are_suggested_with_their_clause():
    found = {(c.condition["field"], c.condition["op"], str(c.condition["value"])): c
             for c in candidates.extract(TEXT)}  # fmt: skip
    assert found[("revenue", ">=", "2000")].condition["clause"] == "第五条（二）"
    assert ("rd_spend", ">=", "100") in found  # the amount after its own words
    assert found[("founded", "at_least_years", "3")].condition["clause"] == "第五条（三）"
    assert ("employees", ">=", "50") in found
    assert ("qualification", "held", "high_tech") in found
    assert ("qualification", "held", "little_giant") in found
    assert ("qualification", "held", "specialised") not in found
    assert found[("revenue", ">=", "15000")].condition["clause"] == "第六条"
    region = found[("region", "in", "[]")]
    assert not region.complete and region.condition["place"] == "福州市"


def test_complete_candidates_are_valid_rules():
    for candidate in candidates.extract(TEXT):
        if candidate.complete:
            rules.parse(candidate.condition)


def test_text_without_conditions_suggests_nothing():
    assert candidates.extract("为贯彻落实党中央决策部署，制定本办法。") == []
