"""抽查 (spot checks) without the database: each department's population of items, the sample
drawn from it, and the published record anyone can verify.

The draw is the one of the random inspections (``gongkai.core.draw``, docs/verifiable-draw.md),
run once per department with one seed: the department's items are its entity list, there is no
inspector pool (``inspectors_per_entity`` 0), and ``entity_count`` is the sample size, or the
whole population when it is smaller. Each department's part of the record is therefore a
complete ``gongkai-draw/1`` record that ``draw.verify`` and scripts/verify_draw.py check.

An item is published as one line, its public address and its title (``entity_line``), so that
anyone can open what was drawn and nobody can slip another item in under the same line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from gongkai.core import draw


@dataclass(frozen=True)
class Candidate:
    """An item that may be drawn: a page of the department's, ``model``/``pk`` the object."""

    department_id: int
    entity: str
    model: str
    pk: int


def entity_line(path: str, title: str) -> str:
    """The published line of an item: ``/documents/12/ 关于…的通知``, on one line, NFC."""
    return unicodedata.normalize("NFC", " ".join(f"{path} {title}".split()))


def population(candidates: Iterable[Candidate]) -> dict[int, tuple[str, ...]]:
    """Each department's items in the draw's canonical order (NFC, no duplicates, sorted by
    code point), departments by id; a department without items is absent."""
    grouped: dict[int, list[str]] = {}
    for candidate in candidates:
        grouped.setdefault(candidate.department_id, []).append(candidate.entity)
    return {dept: tuple(draw.canonical_items(items)) for dept, items in sorted(grouped.items())}


def inputs(entities: Sequence[str], size: int) -> draw.Inputs:
    """One department's draw: ``size`` items of ``entities`` (all of them when fewer)."""
    if size < 1:
        raise draw.DrawError(
            "size", "每个部门至少抽取1项。", "Draw at least one item per department."
        )
    canonical = draw.canonical_items(entities)
    return draw.Inputs.of(canonical, (), (), min(size, len(canonical)), 0)


def sample(population: Mapping[int, Sequence[str]], size: int, seed: str) -> dict[int, list[str]]:
    """The items drawn for each department, in the order drawn."""
    return {
        dept: [row.entity for row in draw.draw(inputs(entities, size), seed).assignments]
        for dept, entities in population.items()
    }


def department_record(
    name: str,
    entities: Sequence[str],
    size: int,
    *,
    entity_list_sha256: str,
    commitment: str,
    seed: str = "",
    drawn: Sequence[str] | None = None,
) -> dict:
    """One department's part of the published record: its list, the hash published with it
    and the commitment before the draw; the seed and the items ``drawn`` (as stored, not
    recomputed) after it. A list changed since then no longer matches its hash."""
    department_inputs = inputs(entities, size)
    record = {
        "department": name,
        "entities": list(department_inputs.entities),
        "inspectors": [],
        "exclusions": [],
        "entity_count": department_inputs.entity_count,
        "inspectors_per_entity": 0,
        **department_inputs.hashes,
        "entity_list_sha256": entity_list_sha256,
        "seed_commitment": commitment,
    }
    if seed:
        record["seed"] = seed
        record["result"] = [{"entity": entity, "inspectors": []} for entity in drawn or ()]
    return record


@dataclass(frozen=True)
class DepartmentCheck:
    department: str
    check: draw.Check


def verify(published: Mapping) -> list[DepartmentCheck]:
    """Re-run every department's draw of a published spot check (``draws``, one
    ``gongkai-draw/1`` record each) and check that all share the published commitment."""
    draws = published.get("draws") or []
    if not draws:
        return [DepartmentCheck("", draw.Check("draws", False, "没有抽取记录。", "No draws."))]
    checks = []
    for record in draws:
        name = record.get("department", "")
        same = record.get("seed_commitment") == published.get("seed_commitment")
        checks.append(
            DepartmentCheck(
                name,
                draw.Check(
                    "shared_commitment",
                    same,
                    "与本次抽查公布的种子承诺一致" if same else "与本次抽查公布的种子承诺不一致",
                    "same commitment as the spot check"
                    if same
                    else "not the spot check's commitment",
                ),
            )
        )
        checks.extend(DepartmentCheck(name, check) for check in draw.verify(record))
    return checks
