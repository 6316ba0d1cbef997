#!/usr/bin/env python3
"""Check a published 双随机 draw or 抽查 by yourself: python3 verify_draw.py plan.json

Needs only Python 3.10+, no Gongkai and no Django. ``plan.json`` is what the plan's or spot
check's public page offers for download (or ``gongkai inspections export PLAN``, ``gongkai
spotchecks export ID``); a spot check holds one draw per department under ``draws``. The steps
are those of docs/verifiable-draw.md: recompute the three list hashes, check the revealed seed
against the commitment published before the draw, re-run the draw and compare it with the
published result. Exit status 0 when everything agrees, 1 otherwise.
"""

import hashlib
import hmac
import json
import sys
import unicodedata


def canonical(items):
    return sorted({unicodedata.normalize("NFC", str(i)).strip() for i in items} - {""})


def pairs(exclusions):
    clean = [
        [unicodedata.normalize("NFC", str(x)).strip().replace("\t", " ") for x in pair]
        for pair in exclusions
    ]
    return canonical(f"{i}\t{e}" for i, e in clean if i and e)


def sha256_of(items):
    return hashlib.sha256("".join(f"{i}\n" for i in items).encode()).hexdigest()


def score(seed, *parts):
    return hmac.new(bytes.fromhex(seed), "\n".join(parts).encode(), hashlib.sha256).hexdigest()


def run_draw(entities, inspectors, excluded, entity_count, per_entity, seed):
    ranked = sorted(entities, key=lambda e: (score(seed, "entity", e), e))
    rows = []
    for entity in ranked[:entity_count]:
        free = [i for i in inspectors if f"{i}\t{entity}" not in excluded]
        free.sort(key=lambda i: (score(seed, "inspector", entity, i), i))
        rows.append({"entity": entity, "inspectors": free[:per_entity]})
    return rows


def check_record(plan):
    """The checks of one draw: (name, ok) each."""
    entities, inspectors = canonical(plan["entities"]), canonical(plan["inspectors"])
    excluded = pairs(plan.get("exclusions", []))
    checks = [
        ("entity list hash", sha256_of(entities) == plan["entity_list_sha256"]),
        ("inspector pool hash", sha256_of(inspectors) == plan["inspector_pool_sha256"]),
        ("exclusions hash", sha256_of(excluded) == plan["exclusions_sha256"]),
    ]
    seed = plan.get("seed")
    if seed:
        commitment = hashlib.sha256(seed.encode("ascii")).hexdigest()
        checks.append(("seed matches commitment", commitment == plan["seed_commitment"]))
        rows = run_draw(
            entities,
            inspectors,
            set(excluded),
            plan["entity_count"],
            plan["inspectors_per_entity"],
            seed,
        )
        checks.append(("draw re-run matches result", rows == plan["result"]))
    else:
        checks.append(("seed revealed", False))
    return checks


def main(path):
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    if "draws" in plan:  # a spot check (抽查): one draw per department, one commitment
        checks = [("at least one draw", bool(plan["draws"]))]
        for draw in plan["draws"]:
            name = draw["department"]
            same = draw["seed_commitment"] == plan["seed_commitment"]
            checks.append((f"{name}: the spot check's commitment", same))
            checks += [(f"{name}: {check}", ok) for check, ok in check_record(draw)]
    else:
        checks = check_record(plan)
    for name, ok in checks:
        print(f"{'OK  ' if ok else 'FAIL'} {name}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
