"""State changes of 每日一听: reading an interpretation aloud, assembling the daily digest.

Both run on the worker (tasks.py). The engine runs outside any transaction (it may take
seconds); the result is saved and the pages showing it are invalidated in one transaction.
"""

from __future__ import annotations

import hashlib
import io
import logging
import tempfile
import wave
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gongkai.audio import selectors, speech
from gongkai.audio.engines import Engine, Unavailable, engine, report_unavailable
from gongkai.audio.models import DailyDigest, Recording, SpokenInterpretation
from gongkai.core import pagecache
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.documents.models import Interpretation, InterpretationFormKind

logger = logging.getLogger(__name__)
KIND_WORDS = {"document": "政策文件", "interpretation": "政策解读"}


def fingerprint(current: Engine, text: str) -> str:
    return hashlib.sha256(f"{current.name}\n{text}".encode()).hexdigest()


def synthesize(current: Engine, text: str) -> tuple[bytes, float] | None:
    """The sound of ``text`` and its length in seconds, or None when the engine cannot run
    here (said once in the log)."""
    if not current.available():
        report_unavailable(current)
        return None
    with tempfile.TemporaryDirectory(prefix="gongkai-tts-") as folder:
        target = Path(folder) / f"speech.{current.extension}"
        try:
            current.synthesize(text, target)
        except Unavailable:
            report_unavailable(current)
            return None
        content = target.read_bytes()
    return content, _duration(content, text, current)


def _duration(content: bytes, text: str, current: Engine) -> float:
    """A WAV file's own length; otherwise the estimate from the text."""
    try:
        with wave.open(io.BytesIO(content)) as sound:
            return sound.getnframes() / sound.getframerate()
    except (wave.Error, EOFError):
        return speech.estimated_seconds(text, current.characters_per_second)


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


def interpretation_text(interpretation: Interpretation) -> str:
    texts = [
        form.text
        for form in interpretation.forms.order_by("sort_order")
        if form.kind == InterpretationFormKind.TEXT
    ]
    return speech.interpretation_script(interpretation.title, interpretation.summary, texts)


def speak_interpretation(interpretation_id: int) -> SpokenInterpretation | None:
    """Read the published interpretation aloud, unless its text and the engine are unchanged
    or staff uploaded a recording (which wins: the engine's version is removed)."""
    interpretation = Interpretation.objects.filter(pk=interpretation_id, live=True).first()
    if interpretation is None:
        return None
    existing = SpokenInterpretation.objects.filter(interpretation=interpretation).first()
    if selectors.has_recording(interpretation.forms.all()):
        if existing is not None:
            _discard(existing)
        return None
    current, text = engine(), interpretation_text(interpretation)
    unchanged = existing is not None and existing.fingerprint == fingerprint(current, text)
    if unchanged and (existing.file or not current.available()):
        return existing
    spoken = existing or SpokenInterpretation(interpretation=interpretation)
    sound = synthesize(current, text)
    with transaction.atomic():
        replaced = _store(spoken, current, text, sound)
        spoken.save()
        pagecache.invalidate(obj_tag(interpretation))
        transaction.on_commit(lambda: _delete_files(replaced))
    return spoken


def _discard(spoken: SpokenInterpretation) -> None:
    names = [spoken.file.name] if spoken.file else []
    with transaction.atomic():
        spoken.delete()
        pagecache.invalidate(obj_tag(spoken.interpretation))
        transaction.on_commit(lambda: _delete_files(names))


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
    sound = synthesize(current, text)
    with transaction.atomic():
        replaced = _store(digest, current, text, sound)
        digest.items = [
            {"kind": item.kind, "pk": item.pk, "title": item.title} for item in items[: len(kept)]
        ]
        digest.left_out = len(items) - len(kept)
        digest.save()
        pagecache.invalidate(obj_tag(digest), list_tag(DailyDigest))
        transaction.on_commit(lambda: _delete_files(replaced))
    return digest
