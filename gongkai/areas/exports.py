"""Guides, the certificate list, 财政预决算, 政府债务, 就业 and 放管服 as XLSX (openpyxl, as the other
exports) and CSV; headers are the official Chinese field names. The 财政预决算, 政府债务, 就业 and
放管服 columns are declared once (``Field``), for these downloads and the API's CSV."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from gongkai.api.csv_export import cell_text, formula_safe

GUIDE_COLUMNS = (
    "事项名称",
    "事项编码",
    "实施部门",
    "设定依据",
    "依据文件",
    "受理条件",
    "申请材料",
    "法定办结时限（工作日）",
    "承诺办结时限（工作日）",
    "收费标准",
    "办理流程",
    "办理地点",
    "咨询电话",
    "网上办理",
    "待修订",
)
CERTIFICATE_COLUMNS = (
    "证明名称",
    "索要部门",
    "用于办理的事项",
    "开具单位",
    "设定依据",
    "状态",
    "备注",
)


def _days(value) -> str:
    return "" if value is None else str(value)


def _material(material) -> str:
    note = f"（{material.note}）" if material.note else ""
    return (
        f"{material.name}：{material.get_form_display()}{material.copies}份，"
        f"{material.get_need_display()}{note}"
    )


def guide_row(guide) -> list[str]:
    return [
        guide.name,
        guide.code,
        guide.department.name,
        guide.basis,
        "\n".join(
            f"《{b.document.title}》{b.document.doc_number}".strip() for b in guide.bases.all()
        ),
        guide.conditions,
        "\n".join(_material(m) for m in guide.materials.all()),
        _days(guide.statutory_days),
        _days(guide.promised_days),
        "不收费" if guide.free else guide.fees,
        "\n".join(guide.flow_steps),
        guide.where_to_apply,
        guide.contact,
        guide.online_url,
        guide.revision_reason,
    ]


def certificate_row(item) -> list[str]:
    return [
        item.name,
        item.department.name,
        item.used_for,
        item.issuing_body,
        item.basis,
        str(item.get_status_display()),
        item.note,
    ]


@dataclass(frozen=True)
class Field:
    """A column of a download: its Chinese header (the API's CSV adds the English one) and its
    cell of a record."""

    header: str
    header_en: str
    get: Callable[[object], object]


def headers(fields) -> list[str]:
    return [field.header for field in fields]


def _cell(value):
    """Numbers stay numbers (a workbook sums them); anything else as the API's CSV writes it."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    return cell_text(value)


def row(fields, record) -> list:
    return [_cell(field.get(record)) for field in fields]


def _public_document(record) -> str:
    document = record.document
    if document is None or not document.is_public:
        return ""
    return f"《{document.title}》{document.doc_number}".strip()


def budget_fields(request) -> tuple[Field, ...]:
    """财政预决算's columns; the address of a record's page needs the request."""
    return (
        Field("标题", "title", lambda r: r.title),
        Field("公开部门", "department", lambda r: r.department.name),
        Field("年度", "year", lambda r: r.year),
        Field("类别", "kind", lambda r: r.get_kind_display()),
        Field("公开日期", "date disclosed", lambda r: r.disclosed_on),
        Field("公开文件", "document", _public_document),
        Field("表格", "tables", lambda r: "、".join(table["sheet"] for table in r.tables)),
        Field("说明", "note", lambda r: r.note),
        Field("网址", "URL", lambda r: request.build_absolute_uri(r.get_absolute_url())),
    )


DEBT_FIELDS = (
    Field("年度", "year", lambda r: r.year),
    Field("债务类别", "kind", lambda r: r.get_kind_display()),
    Field("公开部门", "department", lambda r: r.department.name),
    Field("债务限额（万元）", "limit", lambda r: r.limit),
    Field("债务余额（万元）", "balance", lambda r: r.balance),
    Field("新增债券发行额（万元）", "new bonds", lambda r: r.new_bonds),
    Field("再融资债券发行额（万元）", "refinancing bonds", lambda r: r.refinancing_bonds),
    Field("还本额（万元）", "principal repaid", lambda r: r.principal_repaid),
    Field("付息额（万元）", "interest paid", lambda r: r.interest_paid),
    Field("新增债券资金使用安排", "use of funds", lambda r: r.use_of_funds),
    Field("还本付息情况", "repayment", lambda r: r.repayment),
    Field("公开日期", "date disclosed", lambda r: r.disclosed_on),
)

EMPLOYMENT_FIELDS = (
    Field("标题", "title", lambda r: r.title),
    Field("类别", "kind", lambda r: r.get_kind_display()),
    Field("公开部门", "department", lambda r: r.department.name),
    Field("年度", "year", lambda r: r.year),
    Field("摘要", "summary", lambda r: r.summary),
    Field("正文", "body", lambda r: r.body),
    Field("适用对象", "target groups", lambda r: r.target_groups),
    Field("补贴标准", "subsidy standard", lambda r: r.standard),
    Field("补贴金额（元）", "amount (yuan)", lambda r: r.amount),
    Field("举办日期", "date held", lambda r: r.held_on),
    Field("举办地点", "place", lambda r: r.place),
    Field("申请方式", "how to apply", lambda r: r.how_to_apply),
    Field("咨询电话", "contact", lambda r: r.contact),
    Field("公开文件", "document", _public_document),
    Field("公开日期", "date disclosed", lambda r: r.disclosed_on),
)

REFORM_FIELDS = (
    Field("措施名称", "measure", lambda r: r.title),
    Field("改革类别", "category", lambda r: r.get_category_display()),
    Field("实施部门", "department", lambda r: r.department.name),
    Field("年度", "year", lambda r: r.year),
    Field("改革内容", "content", lambda r: r.content),
    Field("依据", "basis", lambda r: r.basis),
    Field("依据文件", "basis document", _public_document),
    Field("实施日期", "date in force", lambda r: r.implemented_on),
    Field("实施状态", "status", lambda r: r.get_status_display()),
    Field("公开日期", "date disclosed", lambda r: r.disclosed_on),
)


def xlsx(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append([formula_safe(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(header, rows) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([formula_safe(value) for value in row] for row in rows)
    return out.getvalue()
