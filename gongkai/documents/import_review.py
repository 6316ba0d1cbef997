"""What the import form asks the editor to check, and how a field's extracted and saved
values are compared (pure: no ORM). Extraction says per field how sure it is and where it
read the value (metadata.Provenance); a field it is unsure of, or did not find, is
highlighted on the confirmation page with that source."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.documents.extraction.metadata import MISSING, SURE, ExtractedMetadata

# The confirmation form's fields that extraction fills, in form order.
REVIEWED_FIELDS = ("title", "doc_number", "issuers", "recipients", "written_on", "published_on")


@dataclass(frozen=True)
class FieldCheck:
    """A field as extraction left it: its value as text, how sure it is, where it was read."""

    name: str
    extracted: str
    confidence: str
    source: str

    @property
    def needs_review(self) -> bool:
        return self.confidence != SURE


def as_text(value) -> str:
    """A field value as the review records it: dates in ISO form, lists joined by 、."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Iterable):
        return "、".join(as_text(item) for item in value)
    return str(value)


def _source(label: str, line: int | None) -> str:
    return f"{label}（第{line}行）" if label and line else label


def field_checks(
    meta: ExtractedMetadata, issuers: Iterable[str] | None = None
) -> dict[str, FieldCheck]:
    """Each reviewed field as extracted. `issuers`: the issuers as the form offers them
    (matched departments' names), where they differ from the names in the text."""
    values = {
        "title": meta.title,
        "doc_number": meta.doc_number,
        "issuers": list(issuers) if issuers is not None else meta.issuers,
        "recipients": meta.recipients_text,
        "written_on": meta.written_on,
        "published_on": meta.published_on,
    }
    checks = {}
    for name in REVIEWED_FIELDS:
        provenance = meta.provenance.get(name)
        confidence = provenance.confidence if provenance else MISSING
        source = _source(provenance.label, provenance.line) if provenance else ""
        checks[name] = FieldCheck(name, as_text(values[name]), confidence, source)
    return checks


def final_values(confirmed: Mapping[str, object], issuer_names: Iterable[str]) -> dict[str, str]:
    """The saved values of the reviewed fields, as text."""
    values = {name: as_text(confirmed.get(name)) for name in REVIEWED_FIELDS}
    values["issuers"] = as_text(list(issuer_names))
    return values
