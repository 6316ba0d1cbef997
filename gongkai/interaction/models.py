"""政民互动: messages (留言) from public accounts to the government or a department, routed to
the department that answers, with a reply deadline in working days, a public timeline and the
writer's rating of the reply.

The office routes each message (by category, then by keywords, else by hand); a department may
transfer it with a reason; its reply is drafted (often from a template), approved by the
department head and published, or kept private when the writer asked or when it holds personal
data.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.accounts.models import PublicAccount
from gongkai.core.models import Department
from gongkai.interaction import rules


class MessageCategory(models.Model):
    """留言类别: what a message is about, the department that usually answers it and how many
    working days it has to reply."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("留空时按关键词分办，仍无结果的由政务公开办人工分办。"),
    )
    reply_days = models.PositiveSmallIntegerField(
        _("答复期限（工作日）"), default=rules.DEFAULT_REPLY_DAYS
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "留言类别")
        verbose_name_plural = pgettext_lazy("models", "留言类别")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class RoutingRule(models.Model):
    """分办规则: a message whose title or text holds one of the keywords goes to the department."""

    keywords = models.CharField(
        _("关键词"), max_length=500, help_text=_("多个关键词用逗号、顿号或空格分隔。")
    )
    department = models.ForeignKey(
        Department, verbose_name=_("承办部门"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "分办规则")
        verbose_name_plural = pgettext_lazy("models", "分办规则")
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.keywords

    @property
    def keyword_list(self) -> tuple[str, ...]:
        return rules.parse_keywords(self.keywords)


class MessageState(models.TextChoices):
    RECEIVED = "received", _("待分办")
    ASSIGNED = "assigned", _("办理中")
    TRANSFERRED = "transferred", _("已转办")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


class Message(models.Model):
    """留言: a public account writes to the government (no department) or to a department."""

    account = models.ForeignKey(
        PublicAccount, verbose_name=_("留言人"), on_delete=models.PROTECT, related_name="messages"
    )
    addressee = models.ForeignKey(
        Department,
        verbose_name=_("留言对象"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示写给政府（由政务公开办分办）。"),
    )
    category = models.ForeignKey(
        MessageCategory, verbose_name=_("类别"), on_delete=models.PROTECT, related_name="messages"
    )
    title = models.CharField(_("标题"), max_length=rules.TITLE_MAX_LENGTH)
    body = models.TextField(_("留言内容"), max_length=rules.BODY_MAX_LENGTH)
    wants_private = models.BooleanField(_("不公开"), default=False)
    tracking_number = models.CharField(_("留言编号"), max_length=20, unique=True, editable=False)
    # Hash of the form's one-time key: a repeated submit finds the message it made.
    submit_key_hash = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(
        _("状态"), max_length=20, choices=MessageState.choices, default=MessageState.RECEIVED
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
    )
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now, db_index=True)
    due_on = models.DateField(_("答复期限"), db_index=True)
    reply_draft = models.TextField(_("答复草稿"), max_length=rules.BODY_MAX_LENGTH, blank=True)
    reply_submitted = models.BooleanField(_("已提交审核"), default=False)
    reply = models.TextField(_("答复内容"), max_length=rules.BODY_MAX_LENGTH, blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField(_("公开"), default=False)
    private_reason = models.CharField(_("不公开的原因"), max_length=200, blank=True)
    rating = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    solved = models.BooleanField(_("问题已解决"), null=True, blank=True)
    rated_at = models.DateTimeField(_("评价时间"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = pgettext_lazy("model", "留言")
        verbose_name_plural = pgettext_lazy("models", "留言")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("assign_message", _("分办留言")),
            ("publish_reply", _("审核发布答复")),
        ]
        indexes = [
            models.Index(fields=["department", "state"]),
            models.Index(fields=["is_public", "-replied_at"]),
        ]

    def __str__(self):
        return self.tracking_number

    def get_absolute_url(self):
        return reverse("interaction:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.state in rules.OPEN_STATES


class EventKind(models.TextChoices):
    RECEIVED = "received", _("收到留言")
    ASSIGNED = "assigned", _("分办")
    TRANSFERRED = "transferred", _("转办")
    REPLIED = "replied", _("答复")
    RATED = "rated", _("评价")


class MessageEvent(models.Model):
    """办理过程: one step of a message's timeline, shown on its public page."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("环节"), max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("说明"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "办理过程")
        verbose_name_plural = pgettext_lazy("models", "办理过程")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.message} {self.kind}"


class ReplyTemplate(models.Model):
    """答复模板: the usual wording of a reply; {title} and {date} are filled in."""

    name = models.CharField(_("名称"), max_length=100)
    department = models.ForeignKey(
        Department,
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("留空时所有部门都可以使用。"),
    )
    text = models.TextField(
        _("模板内容"),
        max_length=rules.BODY_MAX_LENGTH,
        help_text=_("可使用 {title}（留言标题）和 {date}（收到日期）。"),
    )

    class Meta:
        verbose_name = pgettext_lazy("model", "答复模板")
        verbose_name_plural = pgettext_lazy("models", "答复模板")
        ordering = ["name"]

    def __str__(self):
        return self.name
