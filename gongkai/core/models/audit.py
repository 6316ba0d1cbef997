from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

APPEND_ONLY = "审计日志只能追加。The audit log is append-only."


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied(APPEND_ONLY)

    def delete(self):
        raise PermissionDenied(APPEND_ONLY)


class AppendOnlyModel(models.Model):
    """Rows are inserted, never updated or deleted through the ORM."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied(APPEND_ONLY)
        # Never Django's UPDATE-then-INSERT: a row given an existing key must not overwrite it.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(APPEND_ONLY)


class AuditEvent(AppendOnlyModel):
    """审计日志: one change of state (who, what, when, before/after).

    Append-only, and written without waiting for any other writer: the row carries no chain
    field. The sealer (``gongkai.core.audit.seal``) later links it into the hash chain with an
    ``AuditSeal``, so an edit or deletion made behind the application's back breaks the chain
    and ``gongkai.core.audit.verify`` finds where.
    """

    created_at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("操作人"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=80)
    object_id = models.CharField(_("对象"), max_length=64, db_index=True)
    object_label = models.CharField(_("对象"), max_length=255, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("变更后"), null=True, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "审计日志")
        verbose_name_plural = pgettext_lazy("models", "审计日志")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"
        )

    def chain_record(self) -> dict:
        """What the chain hash covers (``gongkai.core.auditchain.link_hash``)."""
        return {
            "id": self.pk,
            "created_at": self.created_at,
            "actor": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }


class AuditSeal(AppendOnlyModel):
    """审计链: the link of one event into the hash chain, written by the sealer.

    ``seq`` is the event's place in the chain (1, 2, …); ``hash`` covers the event's fields, its
    id, ``seq`` and ``previous_hash`` (the hash of link ``seq - 1``).
    """

    seq = models.PositiveBigIntegerField(_("链序号"), primary_key=True)
    event = models.OneToOneField(
        AuditEvent, verbose_name=_("审计日志"), on_delete=models.DO_NOTHING, related_name="seal"
    )
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(_("封存时间"))

    class Meta:
        verbose_name = pgettext_lazy("model", "审计链")
        verbose_name_plural = pgettext_lazy("models", "审计链")
        ordering = ["seq"]

    def __str__(self):
        return f"#{self.seq} {self.hash[:12]}"


class AuditCheckpoint(AppendOnlyModel):
    """审计检查点: the chain's head (count and hash) at a moment, also appended to a file in the
    data folder that can be published; a later rewrite or truncation of the log no longer
    matches it."""

    created_at = models.DateTimeField(_("时间"), db_index=True)
    count = models.PositiveBigIntegerField(_("已封存条数"))
    head_hash = models.CharField(_("链头哈希"), max_length=64)
    head_event_id = models.BigIntegerField(_("链头审计日志"))

    class Meta:
        verbose_name = pgettext_lazy("model", "审计检查点")
        verbose_name_plural = pgettext_lazy("models", "审计检查点")
        ordering = ["-count"]
        get_latest_by = "count"

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} #{self.count} {self.head_hash[:12]}"


class AuditVerification(models.Model):
    """审计日志校验: the outcome of one verification of the whole log (the worker's daily run,
    or ``gongkai audit verify``); administrators see the latest failure."""

    checked_at = models.DateTimeField(_("校验时间"), db_index=True)
    ok = models.BooleanField(_("完整"))
    sealed = models.PositiveBigIntegerField(_("已封存条数"), default=0)
    unsealed = models.PositiveBigIntegerField(_("未封存条数"), default=0)
    first_bad_event_id = models.BigIntegerField(_("首个异常记录"), null=True, blank=True)
    problem = models.TextField(_("问题"), blank=True)
    problem_en = models.TextField(_("问题（英文）"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "审计日志校验")
        verbose_name_plural = pgettext_lazy("models", "审计日志校验")
        get_latest_by = "checked_at"

    def __str__(self):
        return f"{self.checked_at:%Y-%m-%d %H:%M} {'OK' if self.ok else self.problem}"
