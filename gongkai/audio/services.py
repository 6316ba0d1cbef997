"""State changes of 每日一听: reading an interpretation aloud, assembling the daily digest.

Both run on the worker (tasks.py). The engine runs outside any transaction (it may take
seconds); the result is saved and the pages showing it are invalidated in one transaction.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import subprocess
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.audio import lengths, selectors, speech
from gongkai.audio.engines import Engine, Unavailable, engine, report_unavailable
from gongkai.audio.models import AudioStatus, DailyDigest, Recording, SpokenInterpretation
from gongkai.audio.validators import recording_kind
from gongkai.core import audit, pagecache
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import require_department
from gongkai.documents.models import Interpretation, InterpretationFormKind

logger = logging.getLogger(__name__)
KIND_WORDS = {"document": "政策文件", "interpretation": "政策解读"}


def fingerprint(current: Engine, text: str) -> str:
    return hashlib.sha256(f"{current.name}\n{text}".encode()).hexdigest()


class SynthesisFailed(Exception):
    """No sound was made; the message (Chinese, then English) is kept as the reason."""


def synthesize(current: Engine, text: str) -> tuple[bytes, float]:
    """The sound of ``text`` and its length in seconds; SynthesisFailed with the reason when
    the engine cannot run here (said once in the log) or fails."""
    unavailable = SynthesisFailed(
        f"语音合成引擎不可用 (text-to-speech engine not available): {current.name}"
    )
    if not current.available():
        report_unavailable(current)
        raise unavailable
    with tempfile.TemporaryDirectory(prefix="gongkai-tts-") as folder:
        target = Path(folder) / f"speech.{current.extension}"
        try:
            current.synthesize(text, target)
            content = target.read_bytes()
        except Unavailable as error:
            report_unavailable(current)
            raise unavailable from error
        except subprocess.TimeoutExpired as error:
            logger.warning("Text-to-speech engine %s timed out", current.name)
            raise SynthesisFailed(
                f"语音合成超时 (text-to-speech timed out after {error.timeout} s)"
            ) from error
        except subprocess.CalledProcessError as error:
            detail = (error.stderr or b"").decode(errors="replace").strip()[-500:]
            logger.warning("Text-to-speech engine %s failed: %s", current.name, detail)
            raise SynthesisFailed(
                f"语音合成失败 (text-to-speech failed, exit {error.returncode}): {detail}"
            ) from error
        except OSError as error:
            logger.warning("Text-to-speech engine %s failed: %s", current.name, error)
            raise SynthesisFailed(f"语音合成失败 (text-to-speech failed): {error}") from error
    if not content:
        raise SynthesisFailed("语音合成没有输出 (text-to-speech wrote nothing)")
    return content, _duration(content, text, current)


def _attempt(current: Engine, text: str) -> tuple[tuple[bytes, float] | None, str]:
    """The sound, or None and the reason it could not be made."""
    try:
        return synthesize(current, text), ""
    except SynthesisFailed as error:
        return None, str(error)


def _duration(content: bytes, text: str, current: Engine) -> float:
    """The sound's own length; otherwise the estimate from the text."""
    measured = lengths.seconds(content)
    if measured is None:
        return speech.estimated_seconds(text, current.characters_per_second)
    return measured


def _store(recording: Recording, current: Engine, text: str, sound) -> list[str]:
    """Put ``text`` and its ``sound`` on ``recording`` (not saved); the replaced file's name
    is returned for deletion once the new one is committed."""
    old = [recording.file.name] if recording.file else []
    recording.text = text
    recording.fingerprint = fingerprint(current, text)
    recording.engine = current.name if sound else ""
    recording.file = ""
    recording.size = recording.duration = 0
    if sound is not None:
        content, recording.duration = sound
        name = f"{recording.fingerprint[:16]}.{current.extension}"
        recording.file.save(name, ContentFile(content), save=False)
        recording.size = len(content)
    return old


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _delete_after_commit(names: list[str]) -> None:
    transaction.on_commit(lambda: _delete_files(names))


def interpretation_text(interpretation: Interpretation) -> str:
    texts = [
        form.text
        for form in interpretation.forms.order_by("sort_order")
        if form.kind == InterpretationFormKind.TEXT
    ]
    return speech.interpretation_script(interpretation.title, interpretation.summary, texts)


def speak_interpretation(interpretation_id: int) -> SpokenInterpretation | None:
    """Read the published interpretation aloud, unless its text and the engine are unchanged
    or there is a recording: one staff uploaded here is kept, an 音频 form of the
    interpretation wins (the engine's version is removed). A failure is kept with its reason
    in place of the sound."""
    existing = SpokenInterpretation.objects.filter(interpretation_id=interpretation_id).first()
    interpretation = Interpretation.objects.filter(pk=interpretation_id, live=True).first()
    if interpretation is None:
        if existing is not None and existing.status == AudioStatus.QUEUED:
            existing.status = AudioStatus.FAILED
            existing.error = "解读未发布 (the interpretation is not published)"
            existing.save(update_fields=["status", "error", "updated_at"])
        return None
    if existing is not None and existing.status == AudioStatus.RECORDED:
        return existing
    if selectors.has_recording(interpretation.forms.all()):
        if existing is not None:
            _discard(existing)
        return None
    current, text = engine(), interpretation_text(interpretation)
    unchanged = existing is not None and existing.fingerprint == fingerprint(current, text)
    if unchanged and existing.file and existing.status != AudioStatus.FAILED:
        if existing.status == AudioStatus.QUEUED:  # published again, the same text
            existing.status = AudioStatus.GENERATED
            existing.save(update_fields=["status", "updated_at"])
        return existing
    spoken = existing or SpokenInterpretation(interpretation=interpretation)
    sound, reason = _attempt(current, text)
    with transaction.atomic():
        replaced = _store(spoken, current, text, sound)
        spoken.status = AudioStatus.GENERATED if sound else AudioStatus.FAILED
        spoken.error = reason
        spoken.save()
        pagecache.invalidate(obj_tag(interpretation))
        _delete_after_commit(replaced)
    return spoken


def _discard(spoken: SpokenInterpretation) -> None:
    names = [spoken.file.name] if spoken.file else []
    with transaction.atomic():
        spoken.delete()
        pagecache.invalidate(obj_tag(spoken.interpretation))
        _delete_after_commit(names)


def queue_reading(interpretation_id: int) -> None:
    """Mark the interpretation's reading 排队生成 and have the worker make it after the
    commit (a reading from a recording keeps its status: the job leaves it alone)."""
    from gongkai.audio.tasks import speak_interpretation as job

    with transaction.atomic():
        spoken = (
            SpokenInterpretation.objects.select_for_update()
            .filter(interpretation_id=interpretation_id)
            .first()
        )
        if spoken is None:
            SpokenInterpretation.objects.create(
                interpretation_id=interpretation_id, status=AudioStatus.QUEUED
            )
        elif spoken.status != AudioStatus.RECORDED:
            spoken.status, spoken.error = AudioStatus.QUEUED, ""
            spoken.save(update_fields=["status", "error", "updated_at"])
        transaction.on_commit(lambda: job.enqueue(interpretation_id), robust=True)


def check_can_manage(*, user, interpretation: Interpretation) -> None:
    """Staff who edit interpretations, for their own department's (the openness office and
    administrators for all), upload recordings and have readings made again."""
    if not user.has_perm("documents.change_interpretation"):
        raise PermissionDenied(_("您无权管理解读的音频。"))
    require_department(user, interpretation.department_id)


def _check_readable(interpretation: Interpretation) -> None:
    if not interpretation.live:
        raise ValidationError(_("解读尚未发布，发布后才能生成或上传音频。"), code="not_live")
    if selectors.has_recording(interpretation.forms.all()):
        raise ValidationError(
            _("该解读已有音频形式的文件，网站播放它；请在解读的编辑页面修改。"),
            code="audio_form",
        )


def upload_recording(*, interpretation: Interpretation, file, user) -> SpokenInterpretation:
    """Put a recording staff made in place of the engine's reading: played on the portal
    from now on, whatever later edits do to the text, until someone has it read again."""
    check_can_manage(user=user, interpretation=interpretation)
    _check_readable(interpretation)
    kind = recording_kind(file)
    with transaction.atomic():
        spoken = (
            SpokenInterpretation.objects.select_for_update()
            .filter(interpretation=interpretation)
            .first()
        ) or SpokenInterpretation(interpretation=interpretation)
        before = _snapshot(spoken) if spoken.pk else None
        replaced = [spoken.file.name] if spoken.file else []
        spoken.text = interpretation_text(interpretation)
        spoken.fingerprint = spoken.engine = spoken.error = ""
        spoken.status = AudioStatus.RECORDED
        spoken.recorded_by = user
        spoken.file.save(f"recorded-{secrets.token_hex(8)}.{kind}", file, save=False)
        spoken.size = file.size
        spoken.duration = _recorded_seconds(spoken)
        spoken.save()
        audit.record(
            actor=user,
            action="audio.recording_upload",
            obj=interpretation,
            before=before,
            after=_snapshot(spoken),
        )
        pagecache.invalidate(obj_tag(interpretation))
        _delete_after_commit(replaced)
    return spoken


def _recorded_seconds(spoken: SpokenInterpretation) -> float:
    """The recording's length (MP3, M4A, WAV or OGG); 0 (not shown) when it cannot be told."""
    spoken.file.seek(0)
    try:
        return lengths.seconds(spoken.file.read()) or 0.0
    finally:
        spoken.file.seek(0)


def read_again(*, interpretation: Interpretation, user) -> None:
    """Have the engine read the interpretation again (after a failure, or instead of the
    recording, which is removed)."""
    check_can_manage(user=user, interpretation=interpretation)
    _check_readable(interpretation)
    with transaction.atomic():
        spoken = (
            SpokenInterpretation.objects.select_for_update()
            .filter(interpretation=interpretation)
            .first()
        )
        before = _snapshot(spoken) if spoken else None
        if spoken is not None and spoken.status == AudioStatus.RECORDED:
            replaced = [spoken.file.name] if spoken.file else []
            spoken.file, spoken.size, spoken.duration = "", 0, 0
            spoken.fingerprint, spoken.recorded_by = "", None
            spoken.status = AudioStatus.QUEUED
            spoken.save()
            pagecache.invalidate(obj_tag(interpretation))
            _delete_after_commit(replaced)
        elif spoken is not None:
            spoken.fingerprint = ""  # made again even when the text is unchanged
            spoken.save(update_fields=["fingerprint", "updated_at"])
        queue_reading(interpretation.pk)
        audit.record(
            actor=user, action="audio.read_again", obj=interpretation, before=before, after=None
        )


def _snapshot(spoken: SpokenInterpretation) -> dict:
    return {"status": spoken.status, "file": spoken.file.name or "", "engine": spoken.engine}


def readings_to_make(*, since: date | None = None) -> list[int]:
    """The published interpretations (first published on or after ``since``) whose reading
    is missing, failed, or was made from another text or engine; recordings (and readings
    already queued) are left alone."""
    current = engine()
    wanted = []
    for interpretation in selectors.interpretations_to_read(since):
        spoken = selectors.spoken_version(interpretation)
        if selectors.has_recording(interpretation.forms.all()):
            continue
        if spoken is not None and spoken.status in (AudioStatus.RECORDED, AudioStatus.QUEUED):
            continue
        if (
            spoken is not None
            and spoken.status == AudioStatus.GENERATED
            and spoken.file
            and spoken.fingerprint == fingerprint(current, interpretation_text(interpretation))
        ):
            continue
        wanted.append(interpretation.pk)
    return wanted


def backfill(*, since: date | None = None) -> list[int]:
    """Queue for the worker every reading ``readings_to_make`` finds; the ids queued."""
    wanted = readings_to_make(since=since)
    for pk in wanted:
        queue_reading(pk)
    return wanted


def digest_window(day: date) -> tuple[datetime, datetime]:
    """The digest of ``day`` (read in the morning) covers the day before, local time."""
    start = timezone.make_aware(datetime.combine(day - timedelta(days=1), time.min))
    return start, timezone.make_aware(datetime.combine(day, time.min))


def build_digest(day: date) -> DailyDigest | None:
    """Assemble (or assemble again) the digest of ``day``: the items published the day
    before, read in order until about ten minutes are filled. None when nothing was
    published."""
    items = selectors.published_between(*digest_window(day))
    if not items:
        return None
    current = engine()
    scripts = [
        speech.item_script(number, KIND_WORDS[item.kind], item)
        for number, item in enumerate(items, start=1)
    ]
    kept = speech.fit_digest(scripts, rate=current.characters_per_second)
    intro = speech.digest_intro(speech.day_words(day.year, day.month, day.day))
    text = "\n".join([intro, *kept, speech.digest_outro(len(kept), len(items))])
    digest = DailyDigest.objects.filter(day=day).first() or DailyDigest(day=day)
    unchanged = digest.pk and digest.fingerprint == fingerprint(current, text)
    if unchanged and (digest.file or not current.available()):
        return digest
    sound, _reason = _attempt(current, text)
    with transaction.atomic():
        replaced = _store(digest, current, text, sound)
        digest.items = [
            {"kind": item.kind, "pk": item.pk, "title": item.title} for item in items[: len(kept)]
        ]
        digest.left_out = len(items) - len(kept)
        digest.save()
        pagecache.invalidate(obj_tag(digest), list_tag(DailyDigest))
        _delete_after_commit(replaced)
    return digest
