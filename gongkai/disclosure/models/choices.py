"""Choices of the request models; codes and labels of the pure vocabularies in ``outcomes``."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.disclosure.clock import EVENT_KINDS
from gongkai.disclosure.outcomes import (
    GROUPS,
    applicant_type_choices,
    channel_choices,
    outcome_choices,
)

APPLICANT_TYPE_CHOICES = applicant_type_choices()
CHANNEL_CHOICES = channel_choices()
OUTCOME_CHOICES = outcome_choices()
OUTCOME_GROUP_CHOICES = [(group.code, group.label) for group in GROUPS]
EVENT_KIND_CHOICES = [(kind, zh) for kind, (zh, _en) in EVENT_KINDS.items()]


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PERMIT = "hk_macao_permit", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan_permit", _("台湾居民来往大陆通行证")
    RESIDENCE_PERMIT = "residence_permit", _("外国人永久居留身份证")
    OTHER = "other", _("其他有效身份证件")


class ProvisionForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class Delivery(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    PICK_UP = "pick_up", _("当面领取")
    POST = "post", _("邮寄")
    ONLINE = "online", _("网上获取（本网站）")


class DeliveredVia(models.TextChoices):
    """How the reply reached the applicant (国办公开办函〔2016〕235号: direct, by post ...)."""

    IN_PERSON = "in_person", _("直接送达")
    POST = "post", _("邮寄送达（邮政企业）")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上送达（本网站）")
    OTHER_AGENCY = "other_agency", _("委托其他行政机关代为送达")


class Status(models.TextChoices):
    """The clock's status (``gongkai.disclosure.clock.STATUSES``)."""

    RUNNING = "running", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    IN_CONSULTATION = "in_consultation", _("征求意见中")
    AWAITING_FEE = "awaiting_fee", _("待缴费")
    LAPSED = "lapsed", _("已终止（视为放弃申请）")
    REPLIED = "replied", _("已答复")
    WITHDRAWN = "withdrawn", _("已撤回")


OPEN_STATUSES = (
    Status.RUNNING,
    Status.AWAITING_CORRECTION,
    Status.IN_CONSULTATION,
    Status.AWAITING_FEE,
)
