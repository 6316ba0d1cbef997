"""An import's summary with every outcome in it, for tests that look at the plain imported
documents, which the summary itself only counts."""

from dataclasses import replace

from gongkai.documents.importing import ImportSummary, documents_import


def import_every_outcome(**options) -> ImportSummary:
    seen = []
    summary = documents_import(progress=seen.append, **options)
    return replace(summary, outcomes=seen)
