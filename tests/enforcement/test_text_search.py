"""The public decision list's text search (q): a decision number or the public, masked target
name contains the text, through an index on both databases (selectors.text_match)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.enforcement import selectors, services
from gongkai.enforcement.models import Decision
from tests.enforcement.conftest import make_decision, uscc

pytestmark = pytest.mark.django_db


def found(q: str) -> set[str]:
    return set(selectors.public_decisions(q=q).values_list("number", flat=True))


@pytest.fixture
def decisions(department, other_department, head, other_head):
    company = {"target_kind": "legal", "target_code": uscc(), "publish": True}
    make_decision(
        department=department, user=head, number="筑市监罚〔2026〕15号",
        target_name="贵阳市云岩区华联商贸有限公司", **company,
    )  # fmt: skip
    make_decision(
        department=department, user=head, number="筑市监罚〔2026〕150号",
        target_name="贵州黔味源食品有限公司", **company,
    )  # fmt: skip
    make_decision(
        department=other_department, user=other_head, number="GY-XK-2026-0012", kind="licence",
        target_name="Guizhou ABC 科技有限公司", **company,
    )  # fmt: skip
    make_decision(
        department=department, user=head, number="筑市监罚〔2026〕16号",
        target_name="王秀英", publish=True,
    )  # fmt: skip
    make_decision(
        department=department, user=head, number="筑市监罚〔2026〕17号",
        target_name="贵阳华联超市有限公司", target_kind="legal", target_code=uscc(),
    )  # fmt: skip


def test_a_number_is_found_whole_or_by_its_start(decisions):
    assert found("筑市监罚〔2026〕15号") == {"筑市监罚〔2026〕15号"}
    assert found("筑市监罚〔2026〕15") == {"筑市监罚〔2026〕15号", "筑市监罚〔2026〕150号"}
    assert found("gy-xk-2026") == found("GY-XK") == {"GY-XK-2026-0012"}
    assert found("〔2026〕9") == set()


def test_a_company_is_found_by_any_part_of_its_name(decisions):
    for q in ("贵阳市云岩区华联商贸有限公司", "华联商贸", "云岩区", "华联"):
        assert found(q) == {"筑市监罚〔2026〕15号"}, q
    assert found("有限公司") == {"筑市监罚〔2026〕15号", "筑市监罚〔2026〕150号", "GY-XK-2026-0012"}
    assert found("abc 科技") == {"GY-XK-2026-0012"}
    assert found("华联商厦") == set()


def test_a_natural_person_is_not_found_by_the_masked_name(decisions):
    assert Decision.objects.get(number="筑市监罚〔2026〕16号").public_target_name == "王**"
    for q in ("王秀英", "秀英", "13985012345"):  # the name, part of it, the phone in the facts
        assert found(q) == set(), q


def test_drafts_and_withdrawn_decisions_are_not_found(decisions, head):
    assert found("华联超市") == set()  # a draft
    decision = Decision.objects.get(number="筑市监罚〔2026〕150号")
    services.decision_revoke(decision, user=head, reason="revoked", event_on=date(2026, 11, 2))
    assert found("黔味源") == set()


def test_the_search_follows_changes_to_the_public_name_and_number(decisions):
    decision = Decision.objects.get(number="筑市监罚〔2026〕150号")
    decision.public_target_name = "贵州黔味源食品有限责任公司"
    decision.save()
    Decision.objects.filter(number="GY-XK-2026-0012").update(number="GY-XK-2026-0099")
    Decision.objects.filter(number="筑市监罚〔2026〕15号").delete()
    assert found("有限责任公司") == {"筑市监罚〔2026〕150号"}
    assert found("2026-0012") == set() and found("2026-0099") == {"GY-XK-2026-0099"}
    assert found("华联商贸") == set()


def test_wildcards_and_quotes_are_plain_text(decisions):
    for q in ("%", "_", "%%%", "___", '"', '"华联"', "华联*", "NEAR(华联 商贸)"):
        assert found(q) == set(), q


def test_the_list_page_searches(client, decisions):
    listing = client.get(reverse("enforcement:decisions"), {"q": "华联商贸"}).content.decode()
    assert "筑市监罚〔2026〕15号" in listing and "筑市监罚〔2026〕150号" not in listing


def test_a_text_most_decisions_have_finds_the_same_in_the_lists_order(decisions, monkeypatch):
    monkeypatch.setattr(selectors, "FREQUENT_MATCHES", 1)  # SQLite: 3 matches read in order
    assert found("有限公司") == {"筑市监罚〔2026〕15号", "筑市监罚〔2026〕150号", "GY-XK-2026-0012"}
    assert found("华联商贸") == {"筑市监罚〔2026〕15号"}
