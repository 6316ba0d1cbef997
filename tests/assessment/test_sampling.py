"""Spot-check sampling without the database (gongkai.assessment.sampling): the draw of the random
inspections per department, and a published record that the standalone checker accepts."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.assessment import sampling
from gongkai.core import draw

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_draw.py"
SEED = "5a" * 32
lines = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
populations = st.dictionaries(
    st.integers(1, 9), st.lists(lines, min_size=1, max_size=25), min_size=1, max_size=5
)
seeds = st.binary(min_size=32, max_size=32).map(bytes.hex)


def _candidates(raw):
    return [
        sampling.Candidate(dept, sampling.entity_line(f"/documents/{i}/", title), "x.y", i)
        for dept, titles in raw.items()
        for i, title in enumerate(titles)
    ]


def _population(raw):
    return sampling.population(_candidates(raw))


@settings(max_examples=60)
@given(raw=populations, size=st.integers(1, 30), seed=seeds)
def test_same_inputs_give_the_same_sample_within_the_population_and_its_bounds(raw, size, seed):
    population = _population(raw)
    drawn = sampling.sample(population, size, seed)
    assert drawn == sampling.sample(population, size, seed)
    assert set(drawn) == set(population)
    for dept, items in drawn.items():
        assert set(items) <= set(population[dept])
        assert len(items) == len(set(items)) == min(size, len(population[dept]))


@settings(max_examples=30)
@given(raw=populations, order=st.randoms(use_true_random=False))
def test_the_population_order_is_stable_whatever_order_the_candidates_come_in(raw, order):
    candidates = _candidates(raw)
    shuffled = list(candidates)
    order.shuffle(shuffled)
    population = sampling.population(candidates)
    assert population == sampling.population(shuffled)
    assert list(population) == sorted(population)
    for entities in population.values():
        assert list(entities) == sorted(set(entities))


def test_an_item_is_published_as_its_address_and_title_on_one_line():
    line = sampling.entity_line("/documents/12/", " 关于印发\n《管理办法》的通知 ")
    assert line == "/documents/12/ 关于印发 《管理办法》的通知"


def test_a_sample_size_below_one_is_refused():
    with pytest.raises(draw.DrawError):
        sampling.inputs(["甲"], 0)


def _record(population, size=2, seed=SEED):
    drawn = sampling.sample(population, size, seed)
    return {
        "format": draw.FORMAT,
        "seed_commitment": draw.commitment(SEED),
        "seed": seed,
        "draws": [
            sampling.department_record(
                f"部门{dept}",
                entities,
                size,
                entity_list_sha256=draw.list_hash(entities),
                commitment=draw.commitment(SEED),
                seed=seed,
                drawn=drawn[dept],
            )
            for dept, entities in population.items()
        ],
    }


POPULATION = _population({1: [f"财政文件{i}" for i in range(7)], 2: ["规划文件甲", "规划文件乙"]})


def test_verify_accepts_the_record_and_names_the_department_of_each_failure():
    record = _record(POPULATION)
    assert all(found.check.ok for found in sampling.verify(record))
    record["draws"][1]["result"].reverse()
    failed = [(f.department, f.check.name) for f in sampling.verify(record) if not f.check.ok]
    assert failed == [("部门2", "result")]
    record = _record(POPULATION)
    record["draws"][0]["seed_commitment"] = draw.commitment("1f" * 32)
    failed = {(f.department, f.check.name) for f in sampling.verify(record) if not f.check.ok}
    assert failed == {("部门1", "shared_commitment"), ("部门1", "commitment")}
    assert not sampling.verify({"draws": []})[0].check.ok


def test_the_standalone_script_checks_every_department(tmp_path):
    path = tmp_path / "spot-check.json"
    path.write_text(json.dumps(_record(POPULATION), ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
    assert run.stdout.count("OK") == 1 + 2 * 6
    record = _record(POPULATION)
    record["draws"][0]["entities"].append("/documents/99/ 事后加入的文件")
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True)
    assert run.returncode == 1 and "FAIL 部门1: entity list hash" in run.stdout
