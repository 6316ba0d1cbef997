"""Reading 每日一听: the spoken versions, the digests and what a digest may list."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from gongkai.audio.models import AudioStatus, DailyDigest, SpokenInterpretation
from gongkai.audio.speech import DigestItem
from gongkai.core.pagecache import obj_tag
from gongkai.documents.models import (
    Document,
    Interpretation,
    InterpretationForm,
    InterpretationFormKind,
)
from gongkai.documents.selectors import (
    interpretations_for_user,
    public_documents,
    public_interpretations,
)

PODCAST_EPISODES = 30
ARCHIVE_DAYS = 30


def spoken_version(interpretation: Interpretation) -> SpokenInterpretation | None:
    """Its spoken version, read through ``select_related("spoken")`` when the page did so."""
    try:
        return interpretation.spoken
    except SpokenInterpretation.DoesNotExist:
        return None


def has_recording(forms) -> bool:
    """Staff uploaded a recording (an 音频 form with a file): it wins over the engine."""
    return any(form.kind == InterpretationFormKind.AUDIO and form.file for form in forms)


def audio_state(interpretation: Interpretation, forms) -> AudioStatus:
    """无音频 / 排队生成 / 已生成 / 录音 / 生成失败: an 音频 form counts as a recording."""
    if has_recording(forms):
        return AudioStatus.RECORDED
    spoken = spoken_version(interpretation)
    return AudioStatus(spoken.status) if spoken is not None else AudioStatus.NONE


def interpretations_to_read(since: date | None) -> QuerySet[Interpretation]:
    """Published interpretations (first published on or after ``since``), with their
    reading and forms."""
    found = Interpretation.objects.filter(live=True)
    if since is not None:
        found = found.filter(first_published_at__date__gte=since)
    return found.select_related("spoken").prefetch_related("forms").order_by("pk")


def _recording_form():
    return InterpretationForm.objects.filter(
        interpretation=OuterRef("pk"), kind=InterpretationFormKind.AUDIO
    ).exclude(file="")


def readings_for_user(user, state: str = "") -> QuerySet[Interpretation]:
    """The back office's list: the interpretations ``user`` may see (their department's, or
    all for the office), newest first, narrowed to one audio state when ``state`` names one."""
    found = (
        interpretations_for_user(user)
        .annotate(has_audio_form=Exists(_recording_form()))
        .select_related("department", "spoken")
        .prefetch_related(
            Prefetch(
                "forms",
                queryset=InterpretationForm.objects.filter(kind=InterpretationFormKind.AUDIO),
                to_attr="audio_forms",
            )
        )
        .order_by("-live", "-first_published_at", "-pk")
    )
    if state == AudioStatus.RECORDED:
        return found.filter(Q(has_audio_form=True) | Q(spoken__status=AudioStatus.RECORDED))
    if state == AudioStatus.NONE:
        return found.filter(has_audio_form=False, spoken__isnull=True)
    if state in AudioStatus.values:
        return found.filter(has_audio_form=False, spoken__status=state)
    return found


def published_between(start: datetime, end: datetime) -> list[DigestItem]:
    """The public documents, then interpretations, first published in [start, end)."""
    window = {"first_published_at__gte": start, "first_published_at__lt": end}
    documents = public_documents().filter(**window).order_by("first_published_at", "pk")
    interpretations = public_interpretations().filter(**window).order_by("first_published_at", "pk")
    return [
        *(DigestItem("document", d.pk, d.title, d.summary) for d in documents),
        *(DigestItem("interpretation", i.pk, i.title, i.summary) for i in interpretations),
    ]


def digest(day: date) -> DailyDigest | None:
    return DailyDigest.objects.filter(day=day).first()


def latest_digest() -> DailyDigest | None:
    return DailyDigest.objects.order_by("-day").first()


def recent_digests() -> QuerySet[DailyDigest]:
    return DailyDigest.objects.order_by("-day")[:ARCHIVE_DAYS]


def podcast_episodes() -> QuerySet[DailyDigest]:
    """The digests that have sound, newest first."""
    return DailyDigest.objects.exclude(file="").order_by("-day")[:PODCAST_EPISODES]


KINDS = {
    "document": (public_documents, "portal:document_detail"),
    "interpretation": (public_interpretations, "portal:interpretation_detail"),
}


def public_items(digest: DailyDigest) -> list[dict]:
    """The digest's items that are still public, each with its page: a document withdrawn
    since is no longer listed (its page invalidates the digest's, see services)."""
    public = set()
    for kind, (queryset, _route) in KINDS.items():
        pks = [item["pk"] for item in digest.items if item["kind"] == kind]
        public |= {(kind, pk) for pk in queryset().filter(pk__in=pks).values_list("pk", flat=True)}
    return [
        {**item, "url": reverse(KINDS[item["kind"]][1], args=[item["pk"]])}
        for item in digest.items
        if (item["kind"], item["pk"]) in public
    ]


def digest_tags(digest: DailyDigest) -> list[str]:
    """The records a digest page shows: the digest, and each item it links to."""
    models = {"document": Document, "interpretation": Interpretation}
    return [obj_tag(digest)] + [obj_tag(models[item["kind"]], item["pk"]) for item in digest.items]
