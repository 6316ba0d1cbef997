"""The demo's 财政预决算 and 政府债务: the 财政局's 2026 department budget with a real-looking
workbook (部门收支总表, 一般公共预算支出表, “三公”经费; made with openpyxl here, so no file is
kept in the repository), last year's final account, the government budget, and three years of
debt records, each signed off through the workflow. Built only when there is no budget yet."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.base import ContentFile
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gongkai.core.roles import Role

# (项目, 2026年预算数, 2025年预算数), 万元
INCOME = (
    ("一般公共预算拨款收入", 1268.40, 1175.20),
    ("政府性基金预算拨款收入", 0, 0),
    ("事业收入", 34.50, 35.80),
    ("其他收入", 12.00, 10.60),
)
SPENDING = (
    ("201 一般公共服务支出", 906.32, 842.15),
    ("20106 财政事务", 906.32, 842.15),
    ("208 社会保障和就业支出", 156.70, 148.20),
    ("210 卫生健康支出", 48.36, 45.10),
    ("221 住房保障支出", 203.52, 186.15),
)
THREE_PUBLIC = (
    ("因公出国（境）费", 0, 0),
    ("公务用车购置及运行维护费", 12.60, 14.80),
    ("其中：公务用车购置费", 0, 0),
    ("公务用车运行维护费", 12.60, 14.80),
    ("公务接待费", 3.20, 3.90),
)


def _sheet(book, title: str, caption: str, header, rows, *, first: bool = False):
    sheet = book.active if first else book.create_sheet()
    sheet.title = title
    sheet.append([caption])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["单位：万元"])
    sheet.append(list(header))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        sheet.append(list(row))
    if title != "“三公”经费":
        sheet.append(["合计", *(round(sum(r[i] for r in rows), 2) for i in (1, 2))])
    sheet.column_dimensions["A"].width = 32
    return sheet


def budget_workbook(department_name: str, year: int) -> bytes:
    """A department's budget tables as 财政部门 publish them (amounts are written as values:
    a formula saved by openpyxl has no computed value for a reader to show)."""
    book = Workbook()
    header = ("项目", f"{year}年预算数", f"{year - 1}年预算数")
    _sheet(
        book, "部门收支总表", f"{department_name}{year}年部门收入预算表", header, INCOME, first=True
    )
    _sheet(
        book, "一般公共预算支出表", f"{department_name}{year}年一般公共预算支出表", header, SPENDING
    )
    _sheet(book, "“三公”经费", f"{department_name}{year}年“三公”经费预算表", header, THREE_PUBLIC)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DEBTS = (
    # year, kind, limit, balance, new bonds, refinancing, principal, interest, use of funds
    (2025, "general", "356000", "341250.50", "28000", "15000", "12500", "10230.75",
     "高新区路网完善工程\n中小学校舍改扩建"),
    (2025, "special", "512000", "498700.00", "60000", "20000", "8000", "15020.30",
     "智能制造产业园标准厂房\n高新区污水处理厂提标改造"),
    (2024, "general", "330000", "325740.20", "25000", "12000", "11000", "9870.40",
     "城市道路综合整治"),
    (2024, "special", "452000", "446700.00", "55000", "18000", "6500", "13210.00",
     "大数据产业园基础设施"),
)  # fmt: skip


def build_finance(departments, users) -> int:
    """The budgets and debt records, unless a budget exists; how many records were added."""
    from gongkai.areas import services
    from gongkai.areas.models import BudgetDisclosure, DebtDisclosure
    from gongkai.demo.services import sign_off_as_staff

    if BudgetDisclosure.objects.exists():
        return 0
    finance = departments["czj"]
    admin = users[Role.ADMIN]

    budgets = (
        (2026, "department_budget", f"{finance.name}2026年部门预算", True),
        (2025, "department_final", f"{finance.name}2025年部门决算", True),
        (2026, "government_budget", "贵阳国家高新区2026年政府预算", False),
    )
    for year, kind, title, workbook in budgets:
        name = f"{title}.xlsx" if workbook else f"{title}.pdf"
        content = budget_workbook(finance.name, year) if workbook else b"%PDF-1.4\n%%EOF\n"
        budget = services.budget_create(
            user=admin, department=finance, title=title, year=year, kind=kind,
            file=ContentFile(content, name=name),
            note="按照《中华人民共和国预算法》第十四条，经批准后二十日内公开。",
        )  # fmt: skip
        sign_off_as_staff(budget, users)
    for year, kind, *amounts, use in DEBTS:
        fields = ("limit", "balance", "new_bonds", "refinancing_bonds", "principal_repaid",
                  "interest_paid")  # fmt: skip
        debt = services.record_create(
            DebtDisclosure, user=admin, department=finance, year=year, kind=kind, use_of_funds=use,
            repayment=f"{year}年按期偿还到期债券本息，未发生逾期。",
            **{f: Decimal(a) for f, a in zip(fields, amounts, strict=True)},
        )  # fmt: skip
        sign_off_as_staff(debt, users)
    return len(budgets) + len(DEBTS)
