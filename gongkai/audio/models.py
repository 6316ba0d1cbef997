"""每日一听: interpretations read aloud by the text-to-speech engine, and the daily digest."""

import mimetypes

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.documents.models import Interpretation


def recording_upload_to(instance, filename: str) -> str:
    # The name carries the text's fingerprint: a new reading gets a new address, so no cache
    # keeps serving the old sound under it.
    return f"audio/{instance.folder}/{filename}"


class Recording(models.Model):
    """A text and, when the engine could run, the sound of it read aloud."""

    text = models.TextField(_("朗读文本"))
    fingerprint = models.CharField(max_length=64, editable=False)  # engine and text
    engine = models.CharField(_("语音引擎"), max_length=100, blank=True, editable=False)
    file = models.FileField(
        _("音频文件"), upload_to=recording_upload_to, blank=True, max_length=300
    )
    size = models.PositiveBigIntegerField(_("文件大小"), default=0, editable=False)
    duration = models.FloatField(_("时长（秒）"), default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def media_type(self) -> str:
        return mimetypes.guess_type(self.file.name)[0] or "application/octet-stream"

    @property
    def minutes(self) -> str:
        minutes, seconds = divmod(round(self.duration), 60)
        return f"{minutes}:{seconds:02d}"


class AudioStatus(models.TextChoices):
    """音频状态 of an interpretation's reading ("none" is the absence of one)."""

    NONE = "none", _("无音频")
    QUEUED = "queued", _("排队生成")
    GENERATED = "generated", _("已生成")
    RECORDED = "recorded", _("录音")
    FAILED = "failed", _("生成失败")


class SpokenInterpretation(Recording):
    """朗读音频: an interpretation read aloud. Made again when its text or the engine changes;
    a recording takes its place: one staff uploaded here (status 录音, kept whatever the
    text becomes) or an 音频 form of the interpretation (then this row is removed)."""

    folder = "interpretations"
    interpretation = models.OneToOneField(
        Interpretation,
        verbose_name=pgettext_lazy("model", "政策解读"),
        on_delete=models.CASCADE,
        related_name="spoken",
    )
    status = models.CharField(
        _("音频状态"),
        max_length=20,
        choices=[c for c in AudioStatus.choices if c[0] != AudioStatus.NONE],
        default=AudioStatus.GENERATED,
    )
    error = models.TextField(_("失败原因"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录音上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "朗读音频")
        verbose_name_plural = pgettext_lazy("models", "朗读音频")

    def __str__(self):
        return str(self.interpretation)


class DailyDigest(Recording):
    """每日一听: the policies and interpretations published the day before, read each morning
    in about ten minutes at most."""

    folder = "digests"
    day = models.DateField(_("日期"), unique=True)
    # What it reads, in order: [{"kind": "document"|"interpretation", "pk": 1, "title": "…"}].
    items = models.JSONField(_("条目"), default=list)
    left_out = models.PositiveIntegerField(_("未读条目"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "每日一听")
        verbose_name_plural = pgettext_lazy("models", "每日一听")
        ordering = ["-day"]

    def __str__(self):
        return self.day.isoformat()

    # A digest only ever lists public items: its file is public (gongkai.core.media).
    is_public = True
