"""Guides and the certificate list as XLSX (openpyxl, as the other exports) and CSV; headers
are the official Chinese field names."""

import csv
import io

from openpyxl import Workbook

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


def xlsx(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(header, rows) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
