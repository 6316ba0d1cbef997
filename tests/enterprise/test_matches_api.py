"""/enterprise/matches.json (issue 11 §3): the same answer computed or kept, changed by every
change it rests on, private to each enterprise, paged like the API's lists, and a fixed number
of queries however many policies there are."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.enterprise import selectors, services
from gongkai.enterprise.models import Qualification, SupportPolicy
from tests.accounts.conftest import make_account
from tests.enterprise.conftest import LAST_YEAR, make_enterprise, make_policy, make_programme

pytestmark = pytest.mark.django_db
URL = "/enterprise/matches.json"


@pytest.fixture
def account(db):
    return make_account(email="boss@example.com", kind="enterprise")


@pytest.fixture
def signed_in(client, account):
    client.force_login(account.user)
    return client


@pytest.fixture
def enterprise(account):
    return make_enterprise(account=account, revenue=1800)


def _get(client, language="zh-hans"):
    client.cookies["django_language"] = language
    return client.get(URL)


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def _computed(enterprise, language):
    """The answer as the view computed it before it was kept (no cache, no compiled rules)."""
    from django.utils import translation

    with translation.override(language):
        verdicts = selectors.matches(enterprise)
        return {"enterprise": enterprise.pk, "total": len(verdicts), "limit": 20, "offset": 0,
                "next": None, "previous": None, "matches": [
            {
                "policy": v.policy.pk,
                "title": v.policy.title,
                "outcome": v.outcome.value,
                "closes_at": v.closes_at.isoformat() if v.closes_at else None,
                "conditions": [e.as_dict() for e in v.explanations],
            }
            for v in verdicts
        ]}  # fmt: skip


def test_the_kept_answer_is_the_computed_one_in_both_languages(signed_in, enterprise):
    near = make_policy(title="差一项的政策")
    make_programme(near, closes_in=9)
    make_policy(title="缺少数据的政策", rule={"all": [
        {"field": "employees", "op": "between", "value": [10, 300], "clause": "第二条"},
        {"field": "qualification", "op": "held", "value": "high_tech", "clause": "第三条"},
    ]})  # fmt: skip
    make_policy(title="不符合的政策", rule={"field": "industry", "op": "under", "value": ["A"]})
    for language in ("zh-hans", "en"):
        first, again = _get(signed_in, language), _get(signed_in, language)
        assert first.content == again.content
        assert first.json() == _computed(enterprise, language)
    english = _get(signed_in, "en").json()["matches"]
    chinese = _get(signed_in, "zh-hans").json()["matches"]
    assert [m["title"] for m in chinese] == ["差一项的政策"]
    assert chinese[0]["conditions"][0]["text"] == (
        f"{LAST_YEAR}年营业收入 1,800万元，要求不低于 2,000万元，差 200万元"
    )
    assert english[0]["conditions"][0]["text"] == (
        f"Revenue {LAST_YEAR} ¥18,000,000, required at least ¥20,000,000, short by ¥2,000,000"
    )


def test_the_answer_follows_the_rules_the_profile_and_the_windows(
    signed_in, enterprise, monkeypatch
):
    policy = make_policy(title="政策甲")
    programme = make_programme(policy, closes_in=2)
    assert signed_in.get(URL).json()["matches"][0]["outcome"] == "near"
    policy.rule = {"field": "revenue", "op": ">=", "value": 1000, "clause": "第五条"}
    policy.save()
    (match,) = signed_in.get(URL).json()["matches"]
    assert (match["outcome"], match["conditions"][0]["clause"]) == ("met", "第五条")
    assert match["closes_at"] == programme.closes_at.isoformat()
    figures = enterprise.figures.get()
    figures.revenue = Decimal(900)
    figures.save()
    assert signed_in.get(URL).json()["matches"] == []
    figures.revenue = Decimal(1200)
    figures.save()
    assert signed_in.get(URL).json()["matches"][0]["closes_at"] is not None
    later = timezone.now() + dt.timedelta(days=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert signed_in.get(URL).json()["matches"][0]["closes_at"] is None
    programme.delete()
    SupportPolicy.objects.filter(pk=policy.pk).get().delete()
    assert signed_in.get(URL).json()["matches"] == []


def test_the_answer_follows_the_qualifications_and_the_profiles_own_fields(signed_in, enterprise):
    """A kept answer is found by the enterprise's row and the token its figures and
    qualifications move (receivers.facts_changed): a qualification added or removed, or a
    field of the profile saved, gives a new answer."""
    make_policy(
        title="高企政策", rule={"field": "qualification", "op": "held", "value": "high_tech"}
    )
    make_policy(title="规模政策", rule={"field": "employees", "op": ">=", "value": 50})

    def outcomes():
        return {m["title"]: m["outcome"] for m in signed_in.get(URL).json()["matches"]}

    assert outcomes() == {"规模政策": "unknown"}
    held = Qualification.objects.create(enterprise=enterprise, kind="high_tech",
                                        valid_from=dt.date(2020, 1, 1))  # fmt: skip
    assert outcomes()["高企政策"] == "met"
    enterprise.employees = 120
    enterprise.save()
    assert outcomes() == {"高企政策": "met", "规模政策": "met"}
    held.delete()
    assert outcomes() == {"规模政策": "met"}


def test_a_kept_answer_reads_neither_figures_nor_qualifications(
    signed_in, enterprise, django_assert_max_num_queries
):
    """Asked again unchanged: the session, the user, the enterprise and the policy revision."""
    make_policy(title="政策甲")
    first = signed_in.get(URL)
    with django_assert_max_num_queries(4) as captured:
        again = signed_in.get(URL)
    assert again.content == first.content
    assert not [q["sql"] for q in captured.captured_queries
                if "yearlyfigures" in q["sql"] or "qualification" in q["sql"]]  # fmt: skip


def test_each_enterprise_gets_its_own_answer(client, enterprise, account):
    make_policy(title="政策甲")
    other = make_account(email="other@example.com", kind="enterprise")
    make_enterprise(account=other, revenue=2500)
    client.force_login(account.user)
    assert client.get(URL).json()["matches"][0]["outcome"] == "near"
    client.force_login(other.user)
    answer = client.get(URL).json()
    assert answer["enterprise"] != enterprise.pk
    assert answer["matches"][0]["outcome"] == "met"


def test_a_fixed_number_of_queries_however_many_policies(signed_in, enterprise):
    for number in range(3):
        make_programme(make_policy(title=f"政策{number}"))
    _response, cold = _queries(signed_in)
    for number in range(30):
        make_programme(make_policy(title=f"更多的政策{number}"))
    response, more = _queries(signed_in)
    assert response.json()["total"] == 33
    assert len(more) == len(cold)
    _response, warm = _queries(signed_in)
    assert len(warm) < len(cold)
    assert not [sql for sql in warm if "supportpolicy" in sql or "programme" in sql]


def test_the_matches_are_paged_like_the_api_lists(signed_in, enterprise):
    for number in range(25):
        make_programme(make_policy(title=f"政策{number}"), closes_in=3 + number % 7)
    make_policy(title="不符合的政策", rule={"field": "industry", "op": "under", "value": ["A"]})
    everything = [(v.policy.pk, [e.as_dict() for e in v.explanations])
                  for v in selectors.matches(enterprise)]  # fmt: skip
    first = signed_in.get(URL).json()
    assert (first["total"], first["limit"], first["offset"]) == (25, 20, 0)
    assert first["next"] == "http://testserver/enterprise/matches.json?offset=20"
    assert first["previous"] is None
    second = signed_in.get(first["next"]).json()
    assert (second["offset"], second["next"]) == (20, None)
    assert second["previous"] == "http://testserver/enterprise/matches.json?offset=0"
    paged = [(m["policy"], m["conditions"]) for m in first["matches"] + second["matches"]]
    assert paged == everything
    third = signed_in.get(URL, {"page": 3, "limit": 10}).json()
    assert [m["policy"] for m in third["matches"]] == [pk for pk, _ in everything[20:]]
    assert third["previous"] == "http://testserver/enterprise/matches.json?page=2&limit=10"


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"page": 0},
                                   {"limit": "many"}])  # fmt: skip
def test_paging_out_of_bounds_is_refused_in_both_languages(signed_in, enterprise, query):
    response = signed_in.get(URL, query)
    assert response.status_code == 422
    assert "limit 为 1 至 100" in response.json()["error"]
    signed_in.cookies["django_language"] = "en"
    assert "limit from 1 to 100" in signed_in.get(URL, query).json()["error"]


def test_a_changed_rule_is_compiled_again_at_once(signed_in, enterprise):
    """The rules are compiled once per policy revision (selectors.CompiledPolicies): saving
    a policy through the back office's service moves the revision, and the next answer is
    judged by the new rule, though the page itself was kept."""
    staff = make_account(email="staff@example.com").user
    staff.is_superuser = True
    staff.save()
    policy = make_policy(title="政策甲")
    assert signed_in.get(URL).json()["matches"][0]["outcome"] == "near"
    compiled = selectors.compiled_policies()
    policy.rule = {"any": [{"field": "revenue", "op": ">=", "value": 1000, "clause": "第五条"},
                           {"field": "tags", "op": "has", "value": "出口"}]}  # fmt: skip
    services.save_policy(policy=policy, user=staff)
    assert selectors.compiled_policies() is not compiled
    (match,) = signed_in.get(URL).json()["matches"]
    assert (match["outcome"], match["conditions"][0]["clause"]) == ("met", "第五条")
    policy.active = False
    services.save_policy(policy=policy, user=staff)
    assert signed_in.get(URL).json()["matches"] == []


def test_kept_answers_drop_the_least_recently_asked_beyond_their_budget():
    kept = selectors.KeptAnswers(budget=10)
    kept.put("a", b"1234")
    kept.put("b", b"1234")
    assert kept.get("a") == b"1234"
    kept.put("c", b"1234")
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (b"1234", None, b"1234")
    kept.put("a", b"12")
    assert kept.used == 6
