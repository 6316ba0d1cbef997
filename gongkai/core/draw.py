"""A verifiable random draw (双随机、一公开, and any later spot check): anyone can re-run it from
the published inputs and get the same result, and nobody can change the inputs unseen.

Steps (docs/verifiable-draw.md; scripts/verify_draw.py re-implements them without Django):

1. Canonical lists. Each list (entities, inspectors, exclusions) is normalised: every item NFC,
   surrounding spaces stripped, empty items dropped, duplicates dropped, sorted by code point;
   an exclusion is written ``inspector<TAB>entity``. The canonical bytes are the items joined
   by ``\\n`` with a final ``\\n``, in UTF-8. Its SHA-256 (hex) is the list's published hash.
2. Commitment. Before the draw the organiser publishes the hashes and ``SHA-256(seed)`` for a
   seed of 32 random bytes written as 64 lower-case hex digits (the commitment is the hash of
   those 64 ASCII characters). Once published, neither lists nor seed can change unseen.
3. Draw. The seed is revealed. Each entity gets the score
   ``HMAC-SHA256(key=seed, msg="entity\\n" + entity)``; the ``entity_count`` entities with the
   lowest scores (hex compared as text; ties impossible in practice, broken by the item) are
   drawn, in that order. For each drawn entity, each inspector not excluded for it gets
   ``HMAC-SHA256(key=seed, msg="inspector\\n" + entity + "\\n" + inspector)``; the
   ``inspectors_per_entity`` lowest are assigned to it.
4. Verify. Recompute the hashes from the published lists, SHA-256 of the revealed seed against
   the commitment, and the draw itself; all must agree with what was published.

No Django here.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

FORMAT = "gongkai-draw/1"
_SEP = "\t"


class DrawError(ValueError):
    def __init__(self, code: str, message_zh: str, message_en: str):
        super().__init__(f"{message_zh} / {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


def canonical_items(items: Iterable[str]) -> list[str]:
    cleaned = (unicodedata.normalize("NFC", str(item)).strip() for item in items)
    return sorted({item for item in cleaned if item})


def canonical_exclusions(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    lines = canonical_items(
        f"{_clean(i)}{_SEP}{_clean(e)}" for i, e in pairs if _clean(i) and _clean(e)
    )
    return [tuple(line.split(_SEP, 1)) for line in lines]


def _clean(item: str) -> str:
    return unicodedata.normalize("NFC", str(item)).strip().replace(_SEP, " ")


def canonical_bytes(items: Iterable[str]) -> bytes:
    return "".join(f"{item}\n" for item in canonical_items(items)).encode()


def list_hash(items: Iterable[str]) -> str:
    return hashlib.sha256(canonical_bytes(items)).hexdigest()


def exclusions_hash(pairs: Iterable[tuple[str, str]]) -> str:
    return list_hash(f"{i}{_SEP}{e}" for i, e in canonical_exclusions(pairs))


def new_seed() -> str:
    return secrets.token_hex(32)


def commitment(seed: str) -> str:
    _check_seed(seed)
    return hashlib.sha256(seed.encode("ascii")).hexdigest()


def _check_seed(seed: str) -> None:
    if len(seed) != 64 or any(c not in "0123456789abcdef" for c in seed):
        raise DrawError(
            "bad_seed",
            "种子须为64位小写十六进制数字。",
            "The seed must be 64 lower-case hexadecimal digits.",
        )


def _score(seed: str, *parts: str) -> str:
    return hmac.new(bytes.fromhex(seed), "\n".join(parts).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Inputs:
    """What is published before the draw (the lists themselves may be published in full)."""

    entities: tuple[str, ...]
    inspectors: tuple[str, ...]
    exclusions: tuple[tuple[str, str], ...] = ()
    entity_count: int = 1
    inspectors_per_entity: int = 2

    @classmethod
    def of(cls, entities, inspectors, exclusions=(), entity_count=1, inspectors_per_entity=2):
        return cls(
            tuple(canonical_items(entities)),
            tuple(canonical_items(inspectors)),
            tuple(canonical_exclusions(exclusions)),
            int(entity_count),
            int(inspectors_per_entity),
        )

    @property
    def hashes(self) -> dict[str, str]:
        return {
            "entity_list_sha256": list_hash(self.entities),
            "inspector_pool_sha256": list_hash(self.inspectors),
            "exclusions_sha256": exclusions_hash(self.exclusions),
        }


@dataclass(frozen=True)
class Assignment:
    entity: str
    inspectors: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    assignments: tuple[Assignment, ...] = field(default=())

    def as_rows(self) -> list[dict]:
        return [{"entity": a.entity, "inspectors": list(a.inspectors)} for a in self.assignments]


def draw(inputs: Inputs, seed: str) -> Result:
    """The draw of step 3, deterministic from ``inputs`` and ``seed``."""
    _check_seed(seed)
    if inputs.entity_count < 0 or inputs.inspectors_per_entity < 0:
        raise DrawError("negative", "抽取数量不能为负数。", "The counts must not be negative.")
    ranked = sorted(inputs.entities, key=lambda e: (_score(seed, "entity", e), e))
    excluded = set(inputs.exclusions)
    assignments = []
    for entity in ranked[: inputs.entity_count]:
        free = [i for i in inputs.inspectors if (i, entity) not in excluded]
        free.sort(key=lambda i: (_score(seed, "inspector", entity, i), i))
        chosen = tuple(free[: inputs.inspectors_per_entity])
        assignments.append(Assignment(entity, chosen))
    return Result(tuple(assignments))


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    message_zh: str
    message_en: str


def verify(published: dict) -> list[Check]:
    """Re-run everything from a published record (the export of ``gongkai inspections export``):
    keys ``entities``, ``inspectors``, ``exclusions``, ``entity_count``,
    ``inspectors_per_entity``, the three hashes, ``seed_commitment``, and after the draw
    ``seed`` and ``result``. One ``Check`` per step; all ``ok`` means the draw stands."""
    inputs = Inputs.of(
        published["entities"],
        published["inspectors"],
        [tuple(pair) for pair in published.get("exclusions", [])],
        published["entity_count"],
        published["inspectors_per_entity"],
    )
    checks = []
    labels = {
        "entity_list_sha256": ("对象名录", "entity list"),
        "inspector_pool_sha256": ("检查人员库", "inspector pool"),
        "exclusions_sha256": ("回避名单", "exclusions"),
    }
    for key, actual in inputs.hashes.items():
        zh, en = labels[key]
        ok = published.get(key) == actual
        checks.append(
            Check(
                key,
                ok,
                f"{zh}的哈希值{'一致' if ok else '不一致：名单在承诺后被改动'}",
                f"{en} hash {'matches' if ok else 'differs: the list changed after the commitment'}",
            )
        )
    seed = published.get("seed")
    if not seed:
        checks.append(Check("seed", False, "尚未抽取，种子未公布。", "Not drawn yet: no seed."))
        return checks
    ok = commitment(seed) == published.get("seed_commitment")
    checks.append(
        Check(
            "commitment",
            ok,
            "种子与事先公布的承诺一致" if ok else "种子与事先公布的承诺不一致",
            "the seed matches the commitment" if ok else "the seed does not match the commitment",
        )
    )
    ok = draw(inputs, seed).as_rows() == published.get("result")
    checks.append(
        Check(
            "result",
            ok,
            "重新抽取的结果与公布的结果一致" if ok else "重新抽取的结果与公布的结果不一致",
            "the re-run draw matches the published result"
            if ok
            else "the re-run draw differs from the published result",
        )
    )
    return checks
