"""Per-field accuracy of document extraction, real pages apart from written ones.

    .venv/bin/python bench/extraction_accuracy_bench.py [--misses]

Three corpora, reported separately: the shared corpus of real pages (../shared/corpus,
when present), the grown corpus of real pages (tests/documents/real_corpus) and the test
corpus written alongside the extractor (tests/documents/corpus). The real corpora are
scored field by field with the rules of their truth notes (tests/documents/real_corpus/
scoring.py); the written one with its expected.json. Also the extraction throughput over
the written corpus. `--misses` lists every wrong field of the real corpora.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.documents.extraction import JSON_KEYS, extract, to_json_dict  # noqa: E402

GROWN = ROOT / "tests" / "documents" / "real_corpus"
WRITTEN = ROOT / "tests" / "documents" / "corpus"
_THROUGHPUT_ROUNDS = 5


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _print_table(title: str, table: dict[str, list[tuple[str, bool]]]) -> None:
    print(f"\n{title}\n{'field':<14}{'right':>7}{'scored':>8}{'accuracy':>10}")
    for field, rows in table.items():
        right = sum(1 for _name, ok in rows if ok)
        share = f"{right / len(rows):.1%}" if rows else "—"
        print(f"{field:<14}{right:>7}{len(rows):>8}{share:>10}")


def _print_misses(table: dict[str, list[tuple[str, bool]]]) -> None:
    for field, rows in table.items():
        wrong = [name for name, ok in rows if not ok]
        if wrong:
            print(f"  {field}: {', '.join(wrong)}")


def _written(loader) -> dict[str, list[tuple[str, bool]]]:
    table: dict[str, list[tuple[str, bool]]] = {field: [] for field in JSON_KEYS}
    for document in loader.corpus_documents():
        actual = to_json_dict(extract(document.data, document.name))
        for field in JSON_KEYS:
            if field in document.expected:
                ok = loader.field_correct(field, document.expected[field], actual[field])
                table[field].append((document.name, ok))
    return table


def _throughput(loader) -> None:
    documents = loader.corpus_documents()
    started = time.perf_counter()
    for _ in range(_THROUGHPUT_ROUNDS):
        for document in documents:
            extract(document.data, document.name)
    elapsed = time.perf_counter() - started
    count = _THROUGHPUT_ROUNDS * len(documents)
    print(f"\nthroughput (written corpus, {count} extractions): {count / elapsed:.1f} documents/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the wrong fields")
    args = parser.parse_args()
    scoring = _module(GROWN / "scoring.py", "real_corpus_scoring")
    loader = _module(WRITTEN / "loader.py", "extraction_corpus_loader")
    corpora = [("grown real corpus (tests/documents/real_corpus)", GROWN)]
    shared = scoring.shared_corpus(ROOT)
    if shared is not None:
        corpora.insert(0, (f"shared real corpus ({shared})", shared))
    for title, folder in corpora:
        documents = scoring.load(folder)
        table = scoring.evaluate(documents)
        _print_table(f"{title}: {len(documents)} documents", table)
        if args.misses:
            _print_misses(table)
    _print_table("written test corpus (tests/documents/corpus)", _written(loader))
    _throughput(loader)


if __name__ == "__main__":
    main()
