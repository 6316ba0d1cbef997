"""Builders of the 财政预决算 and 政府债务 tests: a budget workbook as departments publish it,
records created as staff do and signed off through the workflow."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from openpyxl import Workbook

from gongkai.areas import services
from gongkai.areas.models import DebtDisclosure
from tests.factories import make_department, publish_object

INCOME = ("一般公共预算拨款收入", 1268.40, 1175.20)
TOTAL = ("收入总计", 1302.90, 1211.00)


def budget_workbook(*, hidden_sheet: bool = False) -> bytes:
    """A department's 部门收支总表 and “三公”经费 table, with a title and unit line each."""
    book = Workbook()
    sheet = book.active
    sheet.title = "部门收支总表"
    sheet.append(["2026年财政局部门收支总表"])
    sheet.append(["单位：万元"])
    sheet.append(["项目", "2026年预算数", "2025年预算数"])
    sheet.append(list(INCOME))
    sheet.append(["事业收入", 34.5, 35.8])
    sheet.append([])
    sheet.append(list(TOTAL))
    three = book.create_sheet("三公经费")
    three.append(["项目", "预算数"])
    three.append(["因公出国（境）费", 0])
    three.append(["公务接待费", 3.2])
    if hidden_sheet:
        book.create_sheet("工作底稿").sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_budget(*, department=None, publish=True, content=None, name="budget.xlsx", **fields):
    department = department or make_department(name="财政局")
    fields.setdefault("title", f"{department.name}2026年部门预算")
    fields.setdefault("year", 2026)
    fields.setdefault("kind", "department_budget")
    file = ContentFile(budget_workbook() if content is None else content, name=name)
    record = services.budget_create(user=None, department=department, file=file, **fields)
    return publish_object(record) if publish else record


def make_debt(*, department=None, publish=True, **fields):
    fields.setdefault("year", 2025)
    fields.setdefault("kind", "general")
    fields.setdefault("limit", Decimal("356000.00"))
    fields.setdefault("balance", Decimal("341250.50"))
    fields.setdefault("new_bonds", Decimal("28000.00"))
    fields.setdefault("principal_repaid", Decimal("12500.00"))
    fields.setdefault("interest_paid", Decimal("10230.75"))
    fields.setdefault("use_of_funds", "高新区路网完善工程\n产业园区标准厂房")
    record = services.record_create(
        DebtDisclosure, user=None, department=department or make_department(name="财政局"), **fields
    )
    return publish_object(record) if publish else record
