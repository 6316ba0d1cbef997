"""Back-office forms: create a draft for a year and body; edit the sections and table 二 figures."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from gongkai.core.models import Department
from gongkai.core.permissions import user_department_id
from gongkai.core.roles import sees_all_departments
from gongkai.reports.annual import (
    DECISION_COLUMN,
    DOCUMENT_ROWS,
    FIRST_REPORT_YEAR,
    SIGNED_COLUMNS,
    TABLE2_LAYOUT,
    Figure,
)
from gongkai.reports.selectors import decision_counts, entered_figures
from gongkai.reports.services import check_draft_allowed

# Table 二 cells holding amounts of money (万元 / 元) rather than counts.
AMOUNT_COLUMNS = frozenset({"amount", "procurement_amount"})


def table2_field_name(key: str) -> str:
    """Form field name of the table 二 cell "row.column"."""
    return "table2__" + key.replace(".", "__")


def entered_cells(fmt: str):
    """(block, row key, row label, column key, column label) of every cell staff enter in
    ``fmt``: all of table 二 except the rows counted from the document library."""
    for block in TABLE2_LAYOUT[fmt]:
        for row, row_label in block.rows:
            if row in DOCUMENT_ROWS:
                continue
            for col, col_label in block.columns:
                yield block, row, row_label, col, col_label


class AnnualReportCreateForm(WagtailAdminModelForm):
    """新建年度报告草稿: the year and the body; everything else is computed or written later."""

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        last_year = self.today.year - 1
        self.fields["year"] = forms.TypedChoiceField(
            label=_("年度"),
            coerce=int,
            choices=[(y, f"{y}年度") for y in range(last_year, FIRST_REPORT_YEAR - 1, -1)],
            initial=last_year,
            help_text=_("上一年度的报告草稿自1月1日起可以创建。"),
        )
        department = self.fields["department"]
        if self.for_user and not self._office(self.for_user):
            department.queryset = Department.objects.filter(pk=user_department_id(self.for_user))
            department.required = True
        department.empty_label = _("本级政府")

    @staticmethod
    def _office(user) -> bool:
        return user.is_superuser or sees_all_departments(user)

    def clean(self):
        cleaned = super().clean()
        if "year" in cleaned:
            check_draft_allowed(
                year=cleaned["year"], department=cleaned.get("department"), today=self.today
            )
        return cleaned


class AnnualReportEditForm(WagtailAdminModelForm):
    """Sections 一、五、六 and one input per table 二 cell entered by staff (行政许可, 行政处罚,
    行政强制, 行政事业性收费 …). Blank cells are allowed in a draft; publishing needs them all."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        report = self.instance
        stored = entered_figures(report)
        counted = decision_counts(year=report.year, department_id=report.department_id)
        for _block, row, row_label, col, col_label in entered_cells(report.format):
            key = f"{row}.{col}"
            field = self._cell_field(f"{row_label}：{col_label}", col, stored.get(key))
            if col == DECISION_COLUMN and row in counted:
                field.help_text = _("留空则取行政执法公示中记录的本年度决定数：%(count)s。") % {
                    "count": counted[row]
                }
            self.fields[table2_field_name(key)] = field

    @staticmethod
    def _cell_field(label: str, col: str, initial) -> forms.Field:
        minimum = None if col in SIGNED_COLUMNS else 0
        if col in AMOUNT_COLUMNS:
            return forms.DecimalField(
                label=label,
                required=False,
                min_value=minimum,
                max_digits=14,
                decimal_places=4,
                initial=initial,
            )
        return forms.IntegerField(label=label, required=False, min_value=minimum, initial=initial)

    def entered(self) -> dict[str, Figure | None]:
        """The table 二 figures as entered, keyed "row.column" (None when left blank)."""
        return {
            f"{row}.{col}": self.cleaned_data.get(table2_field_name(f"{row}.{col}"))
            for _block, row, _rl, col, _cl in entered_cells(self.instance.format)
        }


class PublishForm(forms.Form):
    """发布: a confirmation that the tables and sections have been checked."""

    confirm = forms.BooleanField(
        label=_("已核对统计表和正文，确认发布。发布后不能再修改。"),
    )


class LiveFiguresForm(forms.Form):
    """实时数据: which year and body to compute. Department staff choose their own department
    only; the openness office any body, the whole government by default."""

    year = forms.TypedChoiceField(label=_("年度"), coerce=int)
    department = forms.ModelChoiceField(
        label=_("报告主体"), queryset=Department.objects.none(), required=False
    )

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(today.year, FIRST_REPORT_YEAR - 1, -1)
        self.fields["year"].choices = [(year, f"{year}年度") for year in years]
        department = self.fields["department"]
        if user.is_superuser or sees_all_departments(user):
            department.queryset = Department.objects.order_by("sort_order", "name")
            department.empty_label = _("本级政府")
        else:
            department.queryset = Department.objects.filter(pk=user_department_id(user))
            department.required = True
            department.empty_label = None
