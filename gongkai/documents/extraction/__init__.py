"""Extraction of imported documents (pure: no Django).

read_document (bytes -> SourceText) -> extract_metadata (text -> ExtractedMetadata) and
extract_tasks (text -> ExtractedTask list); `extract` does all three and `to_json_dict`
gives the `gongkai extract --json` object.
"""

from gongkai.documents.extraction.chrome import split_frame
from gongkai.documents.extraction.errors import ExtractionError
from gongkai.documents.extraction.metadata import Citation, ExtractedMetadata, extract_metadata
from gongkai.documents.extraction.pipeline import (
    JSON_KEYS,
    ExtractionResult,
    extract,
    extract_text,
    to_json_dict,
)
from gongkai.documents.extraction.readers import (
    DEFAULT_MAX_BYTES,
    SourceText,
    read_document,
    read_path,
)
from gongkai.documents.extraction.tasks import ExtractedTask, extract_tasks
from gongkai.documents.extraction.units import UnitRef

__all__ = [
    "DEFAULT_MAX_BYTES",
    "JSON_KEYS",
    "Citation",
    "ExtractedMetadata",
    "ExtractedTask",
    "ExtractionError",
    "ExtractionResult",
    "SourceText",
    "UnitRef",
    "extract",
    "extract_metadata",
    "extract_tasks",
    "extract_text",
    "read_document",
    "read_path",
    "split_frame",
    "to_json_dict",
]
