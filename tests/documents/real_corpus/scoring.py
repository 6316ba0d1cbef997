"""Per-field scoring of extraction against hand-read truth (this folder's README and the
shared corpus's): one function per field, True/False, or None where the truth does not
score the field."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from gongkai.core.docnumbers import normalize_doc_number
from gongkai.documents.extraction import ExtractionResult, extract
from gongkai.documents.extraction.text import fold

FIELDS = (
    "title", "doc_number", "issuers", "recipients", "written_on", "published_on",
    "attachments", "cited", "tasks", "task_units", "validity",
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_TASK_SLACK = 0.1


@dataclass
class TruthDocument:
    name: str
    data: bytes
    truth: dict


def shared_corpus(start: Path) -> Path | None:
    """The shared corpus of real pages (shared/corpus beside the checkout), if present."""
    for folder in start.resolve().parents:
        candidate = folder / "shared" / "corpus"
        if (candidate / "truth.jsonl").exists():
            return candidate
    return None


def load(folder: Path) -> list[TruthDocument]:
    """The documents of a corpus folder (truth.jsonl beside docs/)."""
    documents = []
    for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            truth = json.loads(line)
            path = folder / truth["file"]
            documents.append(TruthDocument(path.name, path.read_bytes(), truth))
    return documents


def _plain(text: str | None) -> str | None:
    return None if text is None else _SPACES.sub("", fold(text)).strip(":")


def _date(value) -> str | None:
    return value.isoformat() if value else None


def score(truth: dict, result: ExtractionResult) -> dict[str, bool | None]:
    meta = result.metadata
    wanted_titles = {_plain(t) for t in [truth["title"], *truth.get("title_also", [])]}
    scores: dict[str, bool | None] = {
        "title": _plain(meta.title) in wanted_titles,
        "doc_number": _plain(meta.doc_number) == _plain(truth["doc_number"]),
        "issuers": None
        if truth["issuers"] is None
        else [_plain(n) for n in meta.issuers]
        in [
            [_plain(n) for n in names]
            for names in [truth["issuers"], *truth.get("issuers_also", [])]
        ],
        "recipients": _plain(meta.recipients_text) == _plain(truth["recipients"]),
        "written_on": _date(meta.written_on) == truth["written_on"],
        "published_on": _date(meta.published_on) == truth["published_on"],
        "attachments": [_plain(a) for a in meta.attachments]
        == [_plain(a) for a in truth["attachments"]],
        "cited": {c.key for c in meta.cited} == {normalize_doc_number(n) for n in truth["cited"]},
        "validity": None
        if truth.get("validity") is None
        else getattr(meta, "validity", None) == truth["validity"],
    }
    wanted, found = truth["tasks"], result.tasks
    scores["tasks"] = abs(len(found) - len(wanted)) <= _TASK_SLACK * len(wanted)
    scores["task_units"] = (
        None
        if not wanted
        else len(found) == len(wanted)
        and all(task.unit_names == want["units"] for task, want in zip(found, wanted, strict=True))
    )
    return scores


def evaluate(documents: list[TruthDocument]) -> dict[str, list[tuple[str, bool]]]:
    """Per field, (document name, right) for every document that scores the field."""
    table: dict[str, list[tuple[str, bool]]] = {field: [] for field in FIELDS}
    for document in documents:
        result = extract(document.data, document.name)
        for field, right in score(document.truth, result).items():
            if right is not None:
                table[field].append((document.name, right))
    return table
