"""政策订阅: what a public account asked to be told about, how and how often, and each
delivery of a document to it (once per subscriber and channel)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.language import in_ui_language
from gongkai.subscriptions import rules


class Criterion(models.TextChoices):
    DEPARTMENT = rules.DEPARTMENT, _("发布部门")
    TOPIC = rules.TOPIC, _("主题分类")
    DOC_TYPE = rules.DOC_TYPE, _("公文种类")
    REGION = rules.REGION, _("适用地区")
    SEARCH = rules.SEARCH, _("保存的检索")
    EVERYTHING = rules.EVERYTHING, _("全部新发布的政策")
    MATCHED = rules.MATCHED, _("与我匹配的新政策")


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    FEED = "feed", _("私人订阅源（Atom）")
    WEBHOOK = "webhook", _("签名 Webhook")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("即时")
    DAILY = "daily", _("每日摘要")
    WEEKLY = "weekly", _("每周摘要")


def new_key() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """订阅人: one account's private feed key, and its webhook address and signing secret."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriber"
    )
    feed_key = models.CharField(_("订阅源密钥"), max_length=64, unique=True, default=new_key)
    webhook_url = models.URLField(
        _("Webhook 地址"),
        max_length=500,
        blank=True,
        help_text=_("以 Webhook 方式推送的订阅发送到此地址（HTTPS 公网地址）。"),
    )
    webhook_secret = models.CharField(_("Webhook 签名密钥"), max_length=64, default=new_key)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("订阅人")
        verbose_name_plural = _("订阅人")

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"


class Subscription(models.Model):
    """政策订阅: one criterion, delivered on one channel at one frequency."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    criterion = models.CharField(_("订阅条件"), max_length=20, choices=Criterion.choices)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("发布部门"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    topic = models.ForeignKey(
        "documents.Topic",
        verbose_name=_("主题分类"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    doc_type = models.ForeignKey(
        "documents.DocumentKind",
        verbose_name=_("公文种类"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    value = models.CharField(
        _("地区或检索词"),
        max_length=200,
        blank=True,
        help_text=_("按地区订阅时填写地区名称；保存检索时填写检索词，以空格分隔，须全部出现。"),
    )
    channel = models.CharField(
        _("推送方式"), max_length=20, choices=Channel.choices, default=Channel.EMAIL
    )
    frequency = models.CharField(
        _("推送频率"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("订阅时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("政策订阅")
        verbose_name_plural = _("政策订阅")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["criterion"])]

    def __str__(self):
        return f"{self.get_criterion_display()}: {self.target_label}"

    @property
    def target_label(self) -> str:
        """The department, topic or document type in the page's language, or the value."""
        target = self.department or self.topic or self.doc_type
        if target is None:
            return self.value
        return in_ui_language(str(target), getattr(target, "name_en", ""))

    def as_rule(self) -> rules.Criterion:
        return rules.Criterion(
            id=self.pk,
            user_id=self.user_id,
            kind=self.criterion,
            channel=self.channel,
            frequency=self.frequency,
            department_id=self.department_id,
            topic_id=self.topic_id,
            doc_type_id=self.doc_type_id,
            value=self.value,
        )


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已送达")
    RETRYING = "retrying", _("发送失败，等待重试")
    FAILED = "failed", _("发送失败，已停止重试")


class Delivery(models.Model):
    """推送记录: one document to one subscriber on one channel, whatever matched it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="policy_deliveries"
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("政策文件"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    channel = models.CharField(_("推送方式"), max_length=20, choices=Channel.choices)
    frequency = models.CharField(_("推送频率"), max_length=20, choices=Frequency.choices)
    subscriptions = models.ManyToManyField(
        Subscription, verbose_name=_("匹配的订阅"), related_name="deliveries", blank=True
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次重试时间"), null=True, blank=True)
    last_error = models.CharField(_("最近一次错误"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "document", "channel"], name="delivery_once_per_channel"
            )
        ]
        indexes = [models.Index(fields=["state", "frequency", "user"])]

    def __str__(self):
        return f"{self.get_channel_display()} #{self.document_id}"
