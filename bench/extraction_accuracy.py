"""Per-field accuracy of document extraction over the test corpus.

    .venv/bin/python bench/extraction_accuracy.py

Prints, for each `gongkai extract --json` field, how many corpus documents get it right,
and lists the misses. The corpus is tests/documents/corpus/ (documents written for the
tests in the styles real ones use; see its loader.py).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gongkai.documents.extraction import JSON_KEYS, extract, to_json_dict  # noqa: E402


def _load_corpus():
    path = ROOT / "tests" / "documents" / "corpus" / "loader.py"
    spec = importlib.util.spec_from_file_location("extraction_corpus_loader", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    corpus = _load_corpus()
    documents = corpus.corpus_documents()
    correct = dict.fromkeys(JSON_KEYS, 0)
    total = dict.fromkeys(JSON_KEYS, 0)
    misses = []
    started = time.perf_counter()
    for document in documents:
        actual = to_json_dict(extract(document.data, document.name))
        for field in JSON_KEYS:
            if field not in document.expected:
                continue
            total[field] += 1
            if corpus.field_correct(field, document.expected[field], actual[field]):
                correct[field] += 1
            else:
                misses.append((document.name, field, document.expected[field], actual[field]))
    elapsed = time.perf_counter() - started
    print(f"{len(documents)} documents, {elapsed * 1000 / len(documents):.1f} ms each\n")
    print(f"{'field':<16}{'correct':>8}{'total':>7}{'accuracy':>10}")
    for field in JSON_KEYS:
        share = correct[field] / total[field] if total[field] else 0.0
        print(f"{field:<16}{correct[field]:>8}{total[field]:>7}{share:>10.1%}")
    all_correct, all_total = sum(correct.values()), sum(total.values())
    print(f"{'all fields':<16}{all_correct:>8}{all_total:>7}{all_correct / all_total:>10.1%}")
    for name, field, expected, actual in misses:
        print(f"\nMISS {name} {field}\n  expected {expected}\n  actual   {actual}")


if __name__ == "__main__":
    main()
