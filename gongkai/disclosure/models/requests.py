"""政府信息公开申请: the request, its event stream, attachments and counters."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.models import Department
from gongkai.disclosure.application import DESCRIPTION_MAX_LENGTH
from gongkai.disclosure.clock import ClockEvent
from gongkai.disclosure.models.choices import (
    APPLICANT_TYPE_CHOICES,
    CHANNEL_CHOICES,
    EVENT_KIND_CHOICES,
    OUTCOME_CHOICES,
    Delivery,
    IdType,
    ProvisionForm,
    Status,
)
from gongkai.disclosure.models.fields import EncryptedTextField


class DisclosureRequest(models.Model):
    """政府信息公开申请. Its status and due date are derived from its events by
    ``gongkai.disclosure.clock`` and stored only to sort and filter (never edited by hand)."""

    tracking_number = models.CharField(_("申请编号"), max_length=20, unique=True, editable=False)
    access_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    idempotency_key_hash = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    submitted_ip_hash = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    # The address the applicant reached the site on: the links in mails about the request
    # point there (``core.siteurl``); empty for requests registered by staff.
    site_url = models.CharField(max_length=200, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosure_requests",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    applicant_type = models.CharField(
        _("申请人类型"), max_length=20, choices=APPLICANT_TYPE_CHOICES
    )
    # Names are personal data shown only to staff and the applicant: encrypted like the
    # contact details. The staff search finds a full name through its keyed hash.
    applicant_name = EncryptedTextField(_("申请人姓名或名称"))
    applicant_name_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    contact_person = EncryptedTextField(_("联系人"), blank=True)
    id_type = models.CharField(_("身份证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = EncryptedTextField(_("身份证件号码"), blank=True)
    org_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    # Keyed hash of the ID number or credit code: the same applicant across requests (fees).
    applicant_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedTextField(_("联系电话"), blank=True)
    email = EncryptedTextField(_("电子邮箱"), blank=True)
    postal_address = EncryptedTextField(_("通信地址"), blank=True)
    # Keyed hashes of the phone and e-mail (``services.contact_key``): the public lookup by
    # tracking number and contact compares these, never the encrypted values.
    phone_key = models.CharField(max_length=64, blank=True, editable=False)
    email_key = models.CharField(max_length=64, blank=True, editable=False)

    description = models.TextField(
        _("所需政府信息的名称、文号或描述"),
        max_length=DESCRIPTION_MAX_LENGTH,
    )
    doc_number_hint = models.CharField(_("文号（如知道）"), max_length=100, blank=True)
    provision_form = models.CharField(_("提供形式"), max_length=20, choices=ProvisionForm.choices)
    delivery = models.CharField(_("获取方式"), max_length=20, choices=Delivery.choices)
    channel = models.CharField(_("申请渠道"), max_length=20, choices=CHANNEL_CHOICES)
    received_on = models.DateField(_("收到申请之日"), db_index=True)
    receipt_notes = models.JSONField(default=list, blank=True, editable=False)
    carried_over = models.BooleanField(
        _("从原台账结转"),
        default=False,
        help_text=_("年报计入“上年结转”。"),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    proactive_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("转为主动公开的文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Derived from the events by the clock (see services.request_refresh_clock).
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    due_on = models.DateField(_("答复期限"), null=True, blank=True)
    waiting_until = models.DateField(null=True, blank=True)
    provisional = models.BooleanField(default=False)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=40, choices=OUTCOME_CHOICES, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "政府信息公开申请")
        verbose_name_plural = pgettext_lazy("models", "政府信息公开申请")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["department", "status"]),
            models.Index(fields=["closed_on"]),
        ]
        permissions = [
            ("approve_extension", _("可以批准延期答复")),
        ]

    def __str__(self):
        return self.tracking_number

    @property
    def is_organisation(self) -> bool:
        return self.applicant_type != "natural_person"

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.LAPSED, Status.REPLIED, Status.WITHDRAWN)


class RequestEvent(models.Model):
    """One recorded event of a request's clock (``gongkai.disclosure.clock.EVENT_KINDS``),
    in the order it was recorded. Events are appended, never edited."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事件"), max_length=30, choices=EVENT_KIND_CHOICES)
    on = models.DateField(_("日期"))
    days = models.PositiveSmallIntegerField(_("工作日数"), null=True, blank=True)
    until = models.DateField(_("截止日期"), null=True, blank=True)
    outcome = models.CharField(max_length=40, choices=OUTCOME_CHOICES, blank=True)
    note = models.TextField(_("说明"), blank=True, max_length=DESCRIPTION_MAX_LENGTH)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "办理事件")
        verbose_name_plural = pgettext_lazy("models", "办理事件")
        ordering = ["id"]

    def __str__(self):
        return f"{self.request} {self.kind} {self.on}"

    def as_clock_event(self) -> ClockEvent:
        return ClockEvent(
            self.kind, self.on, days=self.days, until=self.until, outcome=self.outcome or None
        )


def attachment_upload_to(instance, filename):
    # A random folder: attachments are served only through the staff view, never by path.
    import secrets

    return f"disclosure/{timezone.now():%Y/%m}/{secrets.token_hex(8)}/{filename}"


class RequestAttachment(models.Model):
    """An attachment of the applicant (checked by ``gongkai.core.uploads``)."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=attachment_upload_to, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "申请附件")
        verbose_name_plural = pgettext_lazy("models", "申请附件")
        ordering = ["id"]

    def __str__(self):
        return self.name


class TrackingCounter(models.Model):
    """Last tracking number handed out in a year (GK-2026-000123)."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"
