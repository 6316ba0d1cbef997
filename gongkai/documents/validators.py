from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gongkai.core.docnumbers import is_valid_doc_number
from gongkai.core.language import in_ui_language
from gongkai.core.uploads import detect_kind, validate_upload


def validate_attachment_file(file) -> None:
    """Judge an upload by its content: allowed kinds only, never executables, within the size limit."""
    if not hasattr(file, "read"):
        return
    verdict = validate_upload(file, file.name, max_bytes=settings.ATTACHMENT_MAX_BYTES)
    file.seek(0)
    if not verdict.ok:
        raise ValidationError(
            in_ui_language(verdict.message_zh, verdict.message_en), code="attachment"
        )


def validate_doc_number(value: str) -> None:
    if not value:
        return
    result = is_valid_doc_number(value)
    if not result.ok:
        raise ValidationError(
            in_ui_language(result.message_zh, result.message_en), code="doc_number"
        )


# An interpretation may be a chart, an audio or a video file, or a PDF of charts.
INTERPRETATION_MEDIA_KINDS = frozenset(
    {"jpg", "png", "gif", "webp", "mp3", "m4a", "wav", "ogg", "mp4", "webm", "pdf"}
)
_MEDIA_HEAD_BYTES = 64 * 1024


def validate_interpretation_file(file) -> None:
    """Judge an interpretation's file by its content: images, audio, video or PDF only."""
    if not hasattr(file, "read"):
        return
    if file.size > settings.INTERPRETATION_MEDIA_MAX_BYTES:
        limit = settings.INTERPRETATION_MEDIA_MAX_BYTES // (1024 * 1024)
        raise ValidationError(_("文件超过 %(limit)s MB。") % {"limit": limit}, code="size")
    kind = detect_kind(file.read(_MEDIA_HEAD_BYTES), file.name)
    file.seek(0)
    if kind not in INTERPRETATION_MEDIA_KINDS:
        raise ValidationError(
            _("只能上传图片、音频、视频或 PDF 文件。"),
            code="media_kind",
        )
