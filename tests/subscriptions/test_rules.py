"""The pure rules of 政策订阅: matching, one delivery per subscriber and channel, digests and
the retry schedule."""

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from gongkai.subscriptions import rules
from gongkai.subscriptions.rules import Criterion, DocumentFacts

KINDS = [
    rules.DEPARTMENT,
    rules.TOPIC,
    rules.DOC_TYPE,
    rules.REGION,
    rules.SEARCH,
    rules.EVERYTHING,
    rules.MATCHED,
]
CHANNELS = ["email", "feed", "webhook"]

documents = st.builds(
    DocumentFacts,
    id=st.integers(1, 5),
    department_id=st.integers(1, 3),
    topic_ids=st.frozensets(st.integers(1, 4), max_size=3),
    doc_type_id=st.integers(1, 3),
    region=st.sampled_from(["", "高新区", "贵阳市高新区"]),
    text=st.sampled_from(["", "关于软件产业的通知", "数据中心 补贴 办法"]),
)


@st.composite
def criteria(draw):
    items = draw(st.lists(st.tuples(st.integers(1, 4), st.sampled_from(KINDS)), max_size=25))
    return [
        Criterion(
            id=index + 1,
            user_id=user,
            kind=kind,
            channel=draw(st.sampled_from(CHANNELS)),
            frequency=draw(st.sampled_from(rules.FREQUENCY_ORDER)),
            department_id=draw(st.integers(1, 3)),
            topic_id=draw(st.integers(1, 4)),
            doc_type_id=draw(st.integers(1, 3)),
            value=draw(st.sampled_from(["高新区", "软件", "补贴 数据", "不存在"])),
        )
        for index, (user, kind) in enumerate(items)
    ]


@given(criteria(), documents, st.booleans())
def test_one_delivery_per_subscriber_and_channel_at_the_fastest_frequency(cs, doc, reported):
    planned = rules.plan(cs, doc, reported_match=reported)
    keys = [(p.user_id, p.channel) for p in planned]
    assert len(keys) == len(set(keys))
    satisfied = [c for c in cs if rules.satisfies(c, doc, reported_match=reported)]
    assert set(keys) == {(c.user_id, c.channel) for c in satisfied}
    for p in planned:
        mine = [c for c in satisfied if (c.user_id, c.channel) == (p.user_id, p.channel)]
        assert set(p.subscription_ids) == {c.id for c in mine}
        fastest = min(rules.FREQUENCY_ORDER.index(c.frequency) for c in mine)
        assert rules.FREQUENCY_ORDER.index(p.frequency) == fastest


@given(criteria(), documents, st.integers(1, 10))
def test_planning_in_chunks_gives_the_same_plan(cs, doc, size):
    parts = [rules.plan(cs[i : i + size], doc) for i in range(0, len(cs), size)]
    assert rules.merge_plans(p for part in parts for p in part) == rules.plan(cs, doc)


def test_each_kind_matches_its_own_field():
    doc = DocumentFacts(
        id=1,
        department_id=2,
        topic_ids=frozenset({5, 6}),
        doc_type_id=3,
        region="贵阳市高新区",
        text="关于支持软件产业发展的若干措施",
    )

    def crit(kind, **fields):
        return Criterion(id=1, user_id=1, kind=kind, channel="email", frequency="daily", **fields)

    assert rules.satisfies(crit(rules.DEPARTMENT, department_id=2), doc)
    assert not rules.satisfies(crit(rules.DEPARTMENT, department_id=9), doc)
    assert rules.satisfies(crit(rules.TOPIC, topic_id=6), doc)
    assert not rules.satisfies(crit(rules.TOPIC, topic_id=7), doc)
    assert rules.satisfies(crit(rules.DOC_TYPE, doc_type_id=3), doc)
    assert rules.satisfies(crit(rules.REGION, value="高新区"), doc)
    assert not rules.satisfies(crit(rules.REGION, value=""), doc)
    assert rules.satisfies(crit(rules.SEARCH, value="软件 措施"), doc)
    assert not rules.satisfies(crit(rules.SEARCH, value="软件 补贴"), doc)
    assert rules.satisfies(crit(rules.EVERYTHING), doc)
    assert not rules.satisfies(crit(rules.MATCHED), doc)
    assert rules.satisfies(crit(rules.MATCHED), doc, reported_match=True)


def test_a_saved_search_ignores_case_and_needs_a_term():
    assert rules.query_matches("API", "开放 api 接口")
    assert rules.query_matches("软件，补贴", "软件企业房租补贴")
    assert not rules.query_matches("  ", "任何文字")


rows = st.lists(
    st.tuples(st.integers(1, 3), st.sampled_from(["email", "webhook"]), st.integers(1, 6)),
    max_size=40,
)


@given(rows)
def test_digests_carry_every_delivery_once_and_each_document_once(items):
    numbered = [(i + 1, user, channel, doc) for i, (user, channel, doc) in enumerate(items)]
    digests = rules.group_digests(numbered)
    assert sorted(pk for d in digests for pk in d.delivery_ids) == [r[0] for r in numbered]
    assert len(digests) == len({(r[1], r[2]) for r in numbered})
    for digest in digests:
        assert len(digest.document_ids) == len(set(digest.document_ids))
        assert set(digest.document_ids) == {
            r[3] for r in numbered if (r[1], r[2]) == (digest.user_id, digest.channel)
        }


@given(st.integers(1, 20))
def test_back_off_grows_to_six_hours_and_stops_after_twelve_attempts(attempts):
    wait = rules.backoff(attempts)
    if attempts >= rules.MAX_ATTEMPTS:
        assert wait is None
        return
    assert timedelta(minutes=1) <= wait <= timedelta(minutes=360)
    following = rules.backoff(attempts + 1)
    assert following is None or following >= wait


def test_back_off_schedule():
    waits = [rules.backoff(n) for n in range(1, 13)]
    assert [w.total_seconds() // 60 for w in waits[:7]] == [1, 5, 15, 60, 120, 240, 360]
    assert waits[-1] is None
    now = datetime(2026, 12, 7, 8, 0)
    assert rules.next_attempt(2, now) == now + timedelta(minutes=5)


def test_weekly_digests_go_out_on_mondays():
    assert rules.digest_frequencies(date(2026, 12, 7)) == ("daily", "weekly")  # a Monday
    assert rules.digest_frequencies(date(2026, 12, 8)) == ("daily",)
