from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.core.docnumbers import is_valid_doc_number
from gongkai.core.uploads import validate_upload


def validate_attachment_file(file) -> None:
    """Judge an upload by its content: allowed kinds only, never executables, within the size limit."""
    if not hasattr(file, "read"):
        return
    verdict = validate_upload(file, file.name, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    file.seek(0)
    if not verdict.ok:
        raise ValidationError(f"{verdict.message_zh} {verdict.message_en}", code="attachment")


def validate_doc_number(value: str) -> None:
    if not value:
        return
    result = is_valid_doc_number(value)
    if not result.ok:
        raise ValidationError(f"{result.message_zh} {result.message_en}", code="doc_number")
