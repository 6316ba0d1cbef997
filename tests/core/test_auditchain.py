"""The pure rules of the audit chain: any change, deletion, reordering or truncation is found,
and where."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.auditchain import (
    Checkpoint,
    StoredLink,
    chain,
    first_break,
    link_hash,
    sealable,
)

T0 = datetime(2026, 12, 5, 8, 0, tzinfo=UTC)

records_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "action": st.sampled_from(["document.publish", "request.reply", "x"]),
            "reason": st.text(max_size=12),
            "after": st.none() | st.dictionaries(st.text(max_size=4), st.integers(), max_size=3),
        }
    ),
    min_size=2,
    max_size=12,
)


def stored(records: list[dict]) -> list[StoredLink]:
    """``records`` given ids 1… and a timestamp, chained from the start, as stored."""
    full = [
        {**record, "id": n, "created_at": T0 + timedelta(seconds=n)}
        for n, record in enumerate(records, start=1)
    ]
    links = chain(full, head_seq=0, head_hash="")
    return [
        StoredLink(link.seq, link.event_id, record, link.previous_hash, link.hash)
        for link, record in zip(links, full, strict=True)
    ]


def head_checkpoint(links: list[StoredLink]) -> Checkpoint:
    head = links[-1]
    return Checkpoint(head.seq, head.hash, head.event_id, "file", "2026-12-05T09:00:00+00:00")


@given(records_strategy)
def test_an_untouched_chain_and_its_checkpoint_are_intact(records):
    links = stored(records)
    assert first_break(links, [head_checkpoint(links)]) is None


@given(records_strategy, st.data())
def test_a_changed_event_is_found_at_that_event(records, data):
    links = stored(records)
    n = data.draw(st.integers(0, len(links) - 1))
    record = {**links[n].record, "reason": links[n].record["reason"] + "篡改"}
    links[n] = replace(links[n], record=record)
    broken = first_break(links, [])
    assert (broken.event_id, broken.seq) == (links[n].event_id, n + 1)
    assert "altered" in broken.en and "改动" in broken.zh


@given(records_strategy, st.data())
def test_a_deleted_link_is_found_at_the_next_event(records, data):
    links = stored(records)
    n = data.draw(st.integers(0, len(links) - 2))
    following = links[n + 1].event_id
    del links[n]
    assert first_break(links, []).event_id == following


@given(records_strategy, st.data())
def test_a_deleted_event_is_named(records, data):
    links = stored(records)
    n = data.draw(st.integers(0, len(links) - 1))
    links[n] = replace(links[n], record=None)
    assert first_break(links, []).event_id == links[n].event_id


@given(records_strategy, st.data())
def test_two_events_swapped_are_found_at_the_first(records, data):
    links = stored(records)
    n = data.draw(st.integers(0, len(links) - 2))
    first, second = links[n], links[n + 1]
    links[n] = replace(first, record={**second.record, "id": first.event_id})
    links[n + 1] = replace(second, record={**first.record, "id": second.event_id})
    assert first_break(links, []).event_id == first.event_id


@given(records_strategy, st.data())
def test_reordered_links_are_found(records, data):
    links = stored(records)
    n = data.draw(st.integers(0, len(links) - 2))
    links[n], links[n + 1] = links[n + 1], links[n]
    assert first_break(links, []) is not None


@given(records_strategy, st.data())
def test_the_newest_links_cut_off_are_found_by_the_checkpoint(records, data):
    links = stored(records)
    checkpoint = head_checkpoint(links)
    keep = data.draw(st.integers(0, len(links) - 1))
    assert first_break(links[:keep], []) is None  # the chain alone cannot tell
    broken = first_break(links[:keep], [checkpoint])
    assert broken.seq == keep + 1 and broken.event_id == checkpoint.head_event_id
    assert "truncated" in broken.en and "截断" in broken.zh


@given(records_strategy, st.data())
def test_a_chain_recomputed_after_a_change_does_not_match_the_checkpoint(records, data):
    original = stored(records)
    checkpoint = head_checkpoint(original)
    n = data.draw(st.integers(0, len(records) - 1))
    records = [dict(record) for record in records]
    records[n]["reason"] += "改"
    rewritten = stored(records)
    assert first_break(rewritten, []) is None
    broken = first_break(rewritten, [checkpoint])
    assert broken.seq == checkpoint.count and "rewritten" in broken.en


def test_a_later_checkpoint_still_matches_an_extended_chain():
    records = [{"action": str(n)} for n in range(6)]
    links = stored(records)
    early = head_checkpoint(links[:3])
    assert first_break(links, [early, head_checkpoint(links)]) is None


def test_the_hash_binds_the_id_the_place_and_the_previous_link():
    record = {"id": 1, "created_at": T0, "action": "x"}
    base = link_hash(record, 1, "")
    assert link_hash({**record, "id": 2}, 1, "") != base
    assert link_hash(record, 2, "") != base
    assert link_hash(record, 1, "0" * 64) != base
    same_moment = T0.astimezone(timezone(timedelta(hours=8)))  # Beijing time, same instant
    assert link_hash({**record, "created_at": same_moment}, 1, "") == base


@given(
    st.lists(st.tuples(st.integers(1, 5), st.integers(0, 120)), max_size=15),
    st.integers(0, 120),
)
def test_sealing_stops_at_a_young_gap_and_keeps_id_order(steps, margin_age):
    """Ids with gaps and ages (seconds before now): the batch is a prefix, every event in it
    follows its predecessor without a gap or is older than the margin."""
    now = T0 + timedelta(hours=1)
    cutoff = now - timedelta(seconds=margin_age)
    candidates, event_id = [], 10
    for gap, age in steps:
        event_id += gap
        candidates.append((event_id, now - timedelta(seconds=age)))
    count = sealable(candidates, last_id=10, cutoff=cutoff)
    previous = 10
    for event_id, created_at in candidates[:count]:
        assert event_id == previous + 1 or created_at <= cutoff
        previous = event_id
    if count < len(candidates):
        event_id, created_at = candidates[count]
        assert event_id != previous + 1 and created_at > cutoff


def test_contiguous_events_are_sealed_at_once_and_a_young_gap_waits():
    now = T0
    young = now - timedelta(seconds=1)
    cutoff = now - timedelta(seconds=10)
    assert sealable([(11, young), (12, young), (14, young)], last_id=10, cutoff=cutoff) == 2
    old = now - timedelta(seconds=30)
    assert sealable([(11, young), (13, old), (14, young)], last_id=10, cutoff=cutoff) == 3
