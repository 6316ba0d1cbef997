"""Matching benchmark (issue 11 §7): every enterprise against every support policy with the
product's compiled matching, beside a bare NumPy floor doing the same comparisons on the same
arrays in the same run.

    python bench/matching_bench.py                      # 1,000,000 × 1,000 (about 3 minutes)
    python bench/matching_bench.py --db-enterprises 1000000   # all 1,000,000 in the database
    python bench/matching_bench.py --db-enterprises 20000 --enterprises 100000   # a quick look

A scratch SQLite database gets ``--db-enterprises`` generated enterprises (industry, region,
founding date, employees, capital, tags, last year's figures for nine in ten, a qualification
for one in four; bench/enterprise_data.py) and ``--policies`` support policies whose rules are
``all`` of two to five conditions, some with an ``any`` or a ``not`` inside. Then, timed:

(a) the snapshot the nightly re-match reads (``services.snapshot()``: every enterprise from the
    database as NumPy columns);
(b) ``compile.match_many`` over ``--enterprises`` rows: the snapshot of (a), repeated as many
    times as needed when the database holds fewer (writing a million enterprises into SQLite
    takes minutes and changes nothing in the arrays' sizes: that is said in the output) — — met / nearly met / unknown for every policy and enterprise, the
    three-valued logic of the rules: best of ``--rounds`` and, in a run of
    its own under tracemalloc, the peak memory it allocates on top of the snapshot;
(c) the floor: for each policy the same comparisons on the same arrays in plain NumPy, two-valued
    (who meets it; no unknown, no near), anded and ored as the rule says, a chunk of rows at a
    time as (b) does; best of ``--rounds`` and peak memory the same way; and the ratio (b)/(a);
(d) ``services.rematch()`` over the database's enterprises, as the worker runs it each night: snapshot, matching, storing the
    outcome per policy, telling newly matched enterprises — a first run (everyone matched is
    new) and a second (nobody is), unless ``--no-rematch``.
Peak resident memory of the process (ru_maxrss) at the end. Figures only, nothing asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclosure_bench import setup_django  # noqa: E402


def floor_term(node, rows, as_of: dt.date):
    """Who meets ``node``, two-valued: one comparison per condition on the snapshot's arrays."""
    import numpy as np

    from gongkai.enterprise import rules
    from gongkai.enterprise.rules import All, Condition, Kind, Not

    if isinstance(node, Not):
        return ~floor_term(node.child, rows, as_of)
    if not isinstance(node, Condition):
        terms = [floor_term(child, rows, as_of) for child in node.children]
        result = terms[0]
        for term in terms[1:]:
            result = result & term if isinstance(node, All) else result | term
        return result
    kind, op, target = node.spec.kind, node.op, node.value
    if kind is Kind.TAG:
        held = rows.tags.get(target)
        return np.zeros(len(rows), bool) if held is None else held
    if kind is Kind.QUALIFICATION:
        if target not in rows.qualifications:
            return np.zeros(len(rows), bool)
        valid_from, valid_until = rows.qualifications[target]
        at = float((node.at or as_of).toordinal())
        return (valid_from <= at) & (valid_until >= at)
    if kind is Kind.INDUSTRY or kind is Kind.REGION:
        industry = kind is Kind.INDUSTRY
        codes = rows.industry if industry else rows.region
        width = rules.INDUSTRY_DIGITS if industry else rules.REGION_DIGITS
        result = None
        for code in target:
            prefix = (rules.parse_industry if industry else rules.parse_region)(code)
            if prefix.precision:
                cut = prefix.padded // 10 ** (width - prefix.precision)
                term = codes.levels[prefix.precision] == cut
                if prefix.section:
                    term &= codes.section == prefix.section
            else:
                term = codes.section == prefix.section
            result = term if result is None else result | term
        return result
    values = rows.numbers.get(node.column(as_of))
    if values is None:
        return np.zeros(len(rows), bool)
    if kind is Kind.DATE:
        bound = float(node.date_bound(as_of).toordinal())
        return values >= bound if op in {"on_or_after", "within_years"} else values <= bound
    if op == "between":
        return (values >= target[0]) & (values <= target[1])
    return {">=": np.greater_equal, ">": np.greater, "<=": np.less_equal, "<": np.less}[op](
        values, target
    )


def floor_match(nodes, snap, as_of: dt.date, chunk: int) -> list:
    """For each rule, the row positions meeting it: the bare NumPy floor of ``match_many``."""
    import numpy as np

    parts = [[] for _ in nodes]
    for start in range(0, len(snap), chunk):
        rows = snap.rows(start, start + chunk)
        for node, found in zip(nodes, parts, strict=True):
            found.append(np.flatnonzero(floor_term(node, rows, as_of)) + start)
    return [np.concatenate(found) for found in parts]


def repeated(snap, count: int):
    """``snap`` repeated to ``count`` rows, with ids of their own."""
    import numpy as np

    from gongkai.enterprise.compile import Codes, Snapshot

    def tile(array):
        return np.resize(array, count)

    def codes(found: Codes) -> Codes:
        levels = {level: tile(array) for level, array in found.levels.items()}
        return Codes(tile(found.precision), tile(found.section), levels)

    return Snapshot(
        np.arange(1, count + 1, dtype=np.int64),
        {name: tile(array) for name, array in snap.numbers.items()},
        codes(snap.industry),
        codes(snap.region),
        {kind: (tile(a), tile(b)) for kind, (a, b) in snap.qualifications.items()},
        {tag: tile(array) for tag, array in snap.tags.items()},
    )


def timed_cpu(function, rounds: int) -> tuple[float, float, object]:
    """Best wall time and best processor time of this process (what other processes on the
    machine take away does not count in it) of ``rounds`` runs, and the last result."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    return best, best_cpu, result


def traced_peak(function) -> float:
    """MB allocated at the peak of ``function`` (what was allocated before not counted)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - before) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=1_000_000, help="rows matched")
    parser.add_argument(
        "--db-enterprises", type=int, default=100_000, help="enterprises in the database"
    )
    parser.add_argument("--policies", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="matching runs; the best is kept")
    parser.add_argument("--no-rematch", action="store_true", help="skip (d), the nightly job")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-matching-bench-") as scratch:
        setup_django(Path(scratch))
        from django.utils import timezone
        from enterprise_data import make_enterprises, make_policies

        from gongkai.enterprise import compile, rules, services
        from gongkai.enterprise.models import SupportPolicy

        today = timezone.localdate()
        print(f"generating {args.db_enterprises:,} enterprises and {args.policies:,} policies …",
              flush=True)  # fmt: skip
        started = time.perf_counter()
        make_enterprises(args.db_enterprises, today=today)
        make_policies(args.policies)
        print(f"  written in {time.perf_counter() - started:.1f} s")

        seconds_snapshot, cpu_snapshot, snap = timed_cpu(services.snapshot, 1)
        nodes = [p.parsed_rule() for p in SupportPolicy.objects.order_by("pk")]
        conditions = sum(len(rules.conditions(node)) for node in nodes)
        print(f"(a) snapshot from the database: {seconds_snapshot:.1f} s "
              f"(processor {cpu_snapshot:.1f} s) "
              f"({len(snap):,} enterprises, {len(snap.numbers)} number columns)")  # fmt: skip
        if args.enterprises != len(snap):
            snap = repeated(snap, args.enterprises)
            print(f"    (b) and (c) run on {len(snap):,} rows: the snapshot's rows repeated, ids "
                  f"renumbered (--db-enterprises {args.enterprises:,} to read them all from the database)")  # fmt: skip

        product, product_cpu, matches = timed_cpu(
            lambda: compile.match_many(nodes, snap, today), args.rounds
        )
        product_peak = traced_peak(lambda: compile.match_many(nodes, snap, today))
        floor, floor_cpu, met = timed_cpu(
            lambda: floor_match(nodes, snap, today, compile.CHUNK), args.rounds
        )
        floor_peak = traced_peak(lambda: floor_match(nodes, snap, today, compile.CHUNK))
        pairs = len(snap) * len(nodes)
        print(f"(b) match_many, {len(snap):,} enterprises × {len(nodes):,} policies "
              f"({conditions:,} conditions, best of {args.rounds}): {product:.2f} s "
              f"(processor {product_cpu:.2f} s) "
              f"= {pairs / product / 1e6:,.0f} M pairs/s; peak allocated {product_peak:,.0f} MB; "
              f"met {sum(len(m.met) for m in matches):,}, near {sum(len(m.near) for m in matches):,}, "
              f"unknown {sum(len(m.unknown) for m in matches):,}")  # fmt: skip
        print(f"(c) bare NumPy floor, same comparisons on the same arrays: {floor:.2f} s "
              f"(processor {floor_cpu:.2f} s); "
              f"peak allocated {floor_peak:,.0f} MB; met {sum(len(m) for m in met):,} (a missing "
              f"value under a 'not' counts as met here)")  # fmt: skip
        print(f"    match_many / floor: {product / floor:.2f}× wall, "
              f"{product_cpu / floor_cpu:.2f}× processor (issue goal ≤ 5 s at 1,000,000 × "
              f"1,000; floor there ≈ 2.4 s)")  # fmt: skip

        if not args.no_rematch:
            for label in ("first (every match new)", "second (nothing new)"):
                seconds, cpu, counts = timed_cpu(services.rematch, 1)
                print(f"(d) services.rematch(), {label}: {seconds:.1f} s (processor {cpu:.1f} s) "
                      f"({len(counts):,} policies stored)")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process (ru_maxrss) {peak:,.0f} MB")
    print(load_average())


def load_average() -> str:
    """The machine is shared: how busy it was while the figures were taken."""
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} processors"


if __name__ == "__main__":
    main()
