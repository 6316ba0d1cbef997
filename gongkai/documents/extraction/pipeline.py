"""Whole-file extraction: read, find metadata and tasks, and the JSON of `gongkai extract`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.documents.extraction.metadata import ExtractedMetadata, extract_metadata
from gongkai.documents.extraction.readers import DEFAULT_MAX_BYTES, SourceText, read_document
from gongkai.documents.extraction.tasks import ExtractedTask, extract_tasks

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
JSON_KEYS = (
    "title", "enclosed_title", "doc_number", "issuers", "recipients", "written_on",
    "published_on", "region", "keywords", "attachments", "disclosure", "cited", "tasks",
)  # fmt: skip


@dataclass
class ExtractionResult:
    source: SourceText
    metadata: ExtractedMetadata
    tasks: list[ExtractedTask] = field(default_factory=list)


def plan_year(metadata: ExtractedMetadata) -> int | None:
    """The year a plan's undated deadlines ("9月底前") fall in: the year its title names
    (2019年政务公开工作实施方案), else the year it was written or published."""
    for title in (metadata.enclosed_title, metadata.title):
        match = _YEAR_IN_TITLE.search(title or "")
        if match:
            return int(match.group(1))
    when = metadata.written_on or metadata.published_on
    return when.year if when else None


def extract_text(source: SourceText) -> ExtractionResult:
    metadata = extract_metadata(source.text, hints=source.hints)
    tasks = extract_tasks(metadata.body, year=plan_year(metadata))
    return ExtractionResult(source, metadata, tasks)


def extract(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ExtractionResult:
    """Everything extraction finds in a file. Raises ExtractionError (code, zh and en
    reason) for a file that cannot be read as a document."""
    return extract_text(read_document(data, filename, max_bytes=max_bytes))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _task_dict(task: ExtractedTask, detailed: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"heading": task.heading, "text": task.text, "units": task.unit_names}
    if detailed:
        item |= {
            "heading_text": task.heading_text,
            "section": task.section,
            "unit_roles": [{"name": u.name, "role": u.role} for u in task.units],
            "due_text": task.due_text,
            "due_on": _iso(task.due_on),
        }
    return item


def to_json_dict(result: ExtractionResult, *, detailed: bool = False) -> dict[str, Any]:
    """The `gongkai extract --json` object: exactly JSON_KEYS; `detailed` adds the unit
    roles, deadlines, normalised number and reader details for the import form."""
    meta = result.metadata
    data: dict[str, Any] = {
        "title": meta.title,
        "enclosed_title": meta.enclosed_title,
        "doc_number": meta.doc_number,
        "issuers": meta.issuers,
        "recipients": meta.recipients,
        "written_on": _iso(meta.written_on),
        "published_on": _iso(meta.published_on),
        "region": meta.region,
        "keywords": meta.keywords,
        "attachments": meta.attachments,
        "disclosure": meta.disclosure,
        "cited": [{"doc_number": c.doc_number, "title": c.title} for c in meta.cited],
        "tasks": [_task_dict(task, detailed) for task in result.tasks],
    }
    if detailed:
        data |= {
            "doc_number_key": meta.doc_number_key,
            "recipients_text": meta.recipients_text,
            "source": meta.source,
            "index_number": meta.index_number,
            "validity": meta.validity,
            "provenance": {
                name: {"confidence": p.confidence, "label": p.label, "line": p.line}
                for name, p in meta.provenance.items()
            },
            "format": result.source.format,
            "encoding": result.source.encoding,
            "warnings": result.source.warnings,
        }
    return data
