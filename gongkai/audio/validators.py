"""A recording staff upload for an interpretation: judged by its content, within the size
limit. The message is in the language of the page (Chinese, or English)."""

from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.core.language import in_ui_language
from gongkai.core.uploads import detect_kind

# What browsers play in <audio>: the content decides, and the name must agree.
RECORDING_KINDS = {
    "mp3": {"mp3"},
    "m4a": {"m4a", "mp4", "aac"},
    "wav": {"wav"},
    "ogg": {"ogg", "oga", "opus"},
}
_HEAD_BYTES = 64 * 1024


def recording_kind(file) -> str:
    """The kind of an uploaded recording (a key of RECORDING_KINDS), or ValidationError."""
    limit = settings.AUDIO_RECORDING_MAX_BYTES
    if file.size > limit:
        megabytes = limit // (1024 * 1024)
        raise ValidationError(
            in_ui_language(
                f"录音文件超过 {megabytes} MB，请压缩后再上传。",
                f"The recording is larger than {megabytes} MB; compress it and upload it again.",
            ),
            code="size",
        )
    if file.size == 0:
        raise ValidationError(
            in_ui_language("录音文件是空的。", "The recording is empty."), code="empty"
        )
    kind = detect_kind(file.read(_HEAD_BYTES), file.name)
    file.seek(0)
    extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
    if kind not in RECORDING_KINDS or extension not in RECORDING_KINDS[kind]:
        raise ValidationError(
            in_ui_language(
                "只能上传 MP3、M4A、WAV 或 OGG 音频文件，且文件名的扩展名须与内容一致。",
                "Only MP3, M4A, WAV or OGG audio can be uploaded, and the file name's "
                "extension must match its content.",
            ),
            code="audio_kind",
        )
    return kind
