"""The verifiable draw (gongkai.core.draw) and its standalone checker scripts/verify_draw.py."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core import draw

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_draw.py"
SEED = "0f" * 32
entity_lists = st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=30, unique=True)


def published(inputs: draw.Inputs, seed: str | None = SEED) -> dict:
    record = {
        "entities": list(inputs.entities),
        "inspectors": list(inputs.inspectors),
        "exclusions": [list(p) for p in inputs.exclusions],
        "entity_count": inputs.entity_count,
        "inspectors_per_entity": inputs.inspectors_per_entity,
        **inputs.hashes,
        "seed_commitment": draw.commitment(SEED),
    }
    if seed:
        record |= {"seed": seed, "result": draw.draw(inputs, seed).as_rows()}
    return record


INPUTS = draw.Inputs.of(
    [f"贵阳市某某食品有限公司{i}" for i in range(40)],
    ["王伟(执法证52001)", "李娜(52002)", "张敏(52003)", "刘洋(52004)", "陈静(52005)"],
    [("王伟(执法证52001)", f"贵阳市某某食品有限公司{i}") for i in range(20)],
    entity_count=8,
    inspectors_per_entity=2,
)


def test_the_hash_is_of_the_canonical_list_whatever_its_order_spaces_or_duplicates():
    assert draw.list_hash(["乙", " 甲 ", "甲", ""]) == draw.list_hash(["甲", "乙"])
    assert (
        draw.canonical_bytes(["乙", "甲"])
        == "".join(f"{x}\n" for x in sorted(["乙", "甲"])).encode()
    )
    assert draw.list_hash(["甲"]) != draw.list_hash(["甲", "乙"])


def test_excluded_inspectors_never_go_to_their_entity():
    result = draw.draw(INPUTS, SEED)
    assert len(result.assignments) == 8
    for assignment in result.assignments:
        assert len(assignment.inspectors) == 2
        for inspector in assignment.inspectors:
            assert (inspector, assignment.entity) not in set(INPUTS.exclusions)


@settings(max_examples=50)
@given(entities=entity_lists, seed=st.binary(min_size=32, max_size=32), count=st.integers(0, 40))
def test_the_draw_depends_on_the_inputs_not_their_order(entities, seed, count):
    hex_seed = seed.hex()
    a = draw.Inputs.of(entities, ["甲", "乙", "丙"], entity_count=count)
    b = draw.Inputs.of(list(reversed(entities)), ["丙", "甲", "乙"], entity_count=count)
    rows = draw.draw(a, hex_seed).as_rows()
    assert rows == draw.draw(b, hex_seed).as_rows()
    assert len(rows) == min(count, len(a.entities))
    assert len({row["entity"] for row in rows}) == len(rows)


def test_verify_accepts_the_published_draw_and_detects_each_change():
    record = published(INPUTS)
    assert all(check.ok for check in draw.verify(record))
    changed = dict(record, entities=[*record["entities"], "新增公司"])
    assert [c.name for c in draw.verify(changed) if not c.ok][0] == "entity_list_sha256"
    other_seed = dict(record, seed="1e" * 32)
    assert {c.name for c in draw.verify(other_seed) if not c.ok} == {"commitment", "result"}
    swapped = dict(record, result=list(reversed(record["result"])))
    assert [c.name for c in draw.verify(swapped) if not c.ok] == ["result"]
    assert [c.name for c in draw.verify(published(INPUTS, seed=None)) if not c.ok] == ["seed"]


def test_a_bad_seed_is_refused():
    with pytest.raises(draw.DrawError):
        draw.commitment("not hex")
    assert len(draw.new_seed()) == 64 and draw.new_seed() != draw.new_seed()


def test_the_standalone_script_agrees(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(published(INPUTS), ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    assert run.stdout.count("OK") == 5
    record = published(INPUTS)
    record["inspectors"].remove("李娜(52002)")
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "FAIL inspector pool hash" in run.stdout
