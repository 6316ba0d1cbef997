import hashlib
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("审计日志只能追加。The audit log is append-only.")

    def delete(self):
        raise PermissionDenied("审计日志只能追加。The audit log is append-only.")


class AuditEvent(models.Model):
    """审计日志: one change of state (who, what, when, before/after).

    Append-only: rows are never updated or deleted through the ORM. Each row carries the hash of
    its predecessor, so an edit or deletion made behind the application's back breaks the chain
    and ``gongkai.core.audit.verify_chain`` finds where.
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
    previous_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("model", "审计日志")
        verbose_name_plural = pgettext_lazy("models", "审计日志")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"
        )

    def save(self, *args, **kwargs):
        if self.pk:
            raise PermissionDenied("审计日志只能追加。The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("审计日志只能追加。The audit log is append-only.")

    def compute_hash(self) -> str:
        payload = json.dumps(
            {
                "created_at": self.created_at.isoformat(),
                "actor": self.actor_label,
                "action": self.action,
                "object_type": self.object_type,
                "object_id": self.object_id,
                "before": self.before,
                "after": self.after,
                "reason": self.reason,
                "previous": self.previous_hash,
            },
            cls=DjangoJSONEncoder,
            sort_keys=True,
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode()).hexdigest()
