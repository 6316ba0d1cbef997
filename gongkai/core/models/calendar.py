from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core.language import in_ui_language
from gongkai.core.workdays import WorkdayError


class HolidayArrangement(models.Model):
    """放假安排: a year's days off and 调休上班 days, as published by the State Council.

    The shipped years (2019–2026) live in ``gongkai.core.holiday_data``; a row here adds a year
    the State Council publishes later, or corrects a shipped one. Dates computed earlier as
    provisional are recomputed when a row is saved (see ``gongkai.core.services``).
    """

    year = models.PositiveIntegerField(_("年份"), unique=True)
    holidays = models.JSONField(
        _("放假"),
        help_text=_(
            '每段假期：{"name": "国庆节", "name_en": "National Day", "first": "2027-10-01", "last": "2027-10-07"}'
        ),
    )
    makeup_workdays = models.JSONField(
        _("调休上班"),
        default=list,
        blank=True,
        help_text=_('周末上班的日期列表，如 ["2027-09-26"]。'),
    )
    notice = models.CharField(
        _("通知文号"),
        max_length=200,
        blank=True,
        help_text=_("国务院办公厅关于…年部分节假日安排的通知"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "放假安排")
        verbose_name_plural = pgettext_lazy("models", "放假安排")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}"

    def clean(self):
        from gongkai.core.calendar import arrangement_from_row

        try:
            arrangement = arrangement_from_row(self)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            detail = (
                in_ui_language(error.message_zh, error.message_en)
                if isinstance(error, WorkdayError)
                else error
            )
            raise ValidationError(_("放假安排格式有误：%(error)s。") % {"error": detail}) from error
        outside = [
            d for d in arrangement.days_off | arrangement.makeup_workdays if d.year != self.year
        ]
        if outside:
            raise ValidationError(_("日期须在 %(year)s 年内。") % {"year": self.year})
