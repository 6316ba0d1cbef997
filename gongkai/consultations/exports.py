"""All comments of a consultation as CSV or XLSX for the drafting team (full names and contact
data are theirs to see: the department's own consultation)."""

from __future__ import annotations

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from gongkai.api.csv_export import cell_text, csv_response

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def columns():
    return [
        (_("意见编号"), lambda c: c.tracking_number),
        (_("条款"), lambda c: c.clause.heading if c.clause else _("草案整体")),
        (_("意见内容"), lambda c: c.text),
        (_("提交人"), lambda c: c.account.name or _("已注销用户")),
        (_("电子邮箱"), lambda c: c.account.email or ""),
        (_("提交时间"), lambda c: timezone.localtime(c.created_at)),
        (_("状态"), lambda c: c.get_status_display()),
        (_("不予公开的原因"), lambda c: c.refusal_reason),
        (_("处理意见"), lambda c: c.get_disposition_display()),
        (_("理由"), lambda c: c.disposition_reason),
    ]


def comments_csv(consultation, comments):
    return csv_response(f"{consultation.title}-意见.csv", columns(), comments)


def comments_xlsx(consultation, comments) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("意见"))
    cols = columns()
    sheet.append([header for header, _get in cols])
    for comment in comments:
        sheet.append([cell_text(get(comment)) for _header, get in cols])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type=XLSX_TYPE,
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"{consultation.title}-意见.xlsx"
    )
    return response


def disposition_columns():
    """处理意见 of the comments the adoption report answers (the staff API's list as CSV)."""
    return [
        (_("意见编号"), lambda c: c.tracking_number),
        (_("条款"), lambda c: c.clause.heading if c.clause else _("草案整体")),
        (_("意见内容"), lambda c: c.text),
        (_("状态"), lambda c: c.get_status_display()),
        (_("处理意见"), lambda c: c.get_disposition_display()),
        (_("理由"), lambda c: c.disposition_reason),
        (_("处理时间"), lambda c: c.disposed_at),
    ]
