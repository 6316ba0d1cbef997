"""行政复议、行政诉讼 about disclosure requests: table 四 of the annual report."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.models import Department
from gongkai.disclosure.models.requests import DisclosureRequest
from gongkai.reports.annual import CASE_KINDS, CASE_RESULTS


class ReconsiderationOrLawsuit(models.Model):
    """A 行政复议 or 行政诉讼 about a request; decided once ``result`` and ``decided_on`` are set."""

    kind = models.CharField(_("类型"), max_length=40, choices=list(CASE_KINDS.items()))
    request = models.ForeignKey(
        DisclosureRequest,
        verbose_name=_("所涉申请"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("被申请部门"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空白时取所涉申请的承办部门。"),
    )
    filed_on = models.DateField(_("立案日期"))
    result = models.CharField(
        _("结果"), max_length=20, choices=list(CASE_RESULTS.items()), blank=True
    )
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "行政复议、行政诉讼")
        verbose_name_plural = pgettext_lazy("models", "行政复议、行政诉讼")
        ordering = ["-filed_on", "-id"]

    def __str__(self):
        return f"{CASE_KINDS.get(self.kind, self.kind)} {self.filed_on}"

    def clean(self):
        if bool(self.result) != bool(self.decided_on):
            raise ValidationError(_("结果与审结日期须同时填写。"))
        if self.decided_on and self.decided_on < self.filed_on:
            raise ValidationError(_("审结日期早于立案日期。"))
        if self.department_id is None and self.request_id is not None:
            self.department_id = self.request.department_id
