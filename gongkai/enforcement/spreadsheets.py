"""Item lists and decisions in and out of spreadsheets: XLSX import with row-by-row errors,
XLSX and CSV export. Headers are the Chinese field names departments already use."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from openpyxl import Workbook, load_workbook

from gongkai.api.csv_export import formula_safe
from gongkai.enforcement import services
from gongkai.enforcement.models import Decision, Kind, TargetKind

ITEM_COLUMNS = (
    ("code", N_("事项编码")),
    ("name", N_("事项名称")),
    ("kind", N_("执法类别")),
    ("legal_basis", N_("设定依据")),
    ("acting_body", N_("实施主体")),
    ("procedure", N_("办理程序")),
    ("time_limit", N_("办理时限")),
    ("remedy", N_("救济渠道")),
    ("random_inspection", N_("列入随机抽查")),
)
DECISION_COLUMNS = (
    ("number", N_("执法文书号")),
    ("kind", N_("执法类别")),
    ("target_kind", N_("当事人类别")),
    ("target_name", N_("当事人名称")),
    ("target_code", N_("证件号码")),
    ("facts", N_("主要违法事实")),
    ("legal_basis", N_("执法依据")),
    ("conclusion", N_("执法结论")),
    ("penalty_amount", N_("罚没金额")),
    ("decided_on", N_("决定日期")),
)
REQUIRED_ITEM = {"name", "kind", "legal_basis", "acting_body"}
REQUIRED_DECISION = {"number", "kind", "target_kind", "target_name", "facts", "legal_basis",
                     "conclusion", "decided_on"}  # fmt: skip
YES = {"是", "y", "yes", "true", "1", "√"}


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def _choice(value: str, choices) -> str | None:
    value = value.strip()
    for code, label in choices:
        if value in (code, str(label), str(label).removeprefix("行政")):
            return code
    return None


def _read(upload, columns) -> tuple[list[tuple[int, dict]], list[tuple[int, str]]]:
    try:
        sheet = load_workbook(upload, read_only=True, data_only=True).active
        rows = sheet.iter_rows(values_only=True)
        header = [str(c or "").strip() for c in next(rows)]
    except Exception:  # openpyxl raises many kinds on a file that is not a workbook
        return [], [(0, _("无法读取文件：请上传 .xlsx 格式的 Excel 文件。"))]
    labels = {label: name for name, label in columns}
    missing = [label for name, label in columns if label not in header]
    if missing:
        return [], [(1, _("缺少列：%(columns)s") % {"columns": "、".join(missing)})]
    read = []
    for number, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        read.append((number, {labels[h]: values[i] for i, h in enumerate(header) if h in labels}))
    return read, []


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_items(upload) -> ImportResult:
    read, errors = _read(upload, ITEM_COLUMNS)
    result = ImportResult(errors=errors)
    for number, raw in read:
        row = {name: _text(raw.get(name)) for name, _label in ITEM_COLUMNS}
        problems = [_("“%(column)s”不能为空") % {"column": label}
                    for name, label in ITEM_COLUMNS if name in REQUIRED_ITEM and not row[name]]  # fmt: skip
        kind = _choice(row["kind"], Kind.choices)
        if row["kind"] and kind is None:
            problems.append(_("执法类别“%(value)s”无法识别") % {"value": row["kind"]})
        if problems:
            result.errors.append((number, "；".join(problems)))
            continue
        row["kind"] = kind
        row["random_inspection"] = row["random_inspection"].lower() in YES
        result.rows.append(row)
    return result


def read_decisions(upload, *, department, user) -> ImportResult:
    """Check every row; import them all (in one transaction) only when none has an error."""
    read, errors = _read(upload, DECISION_COLUMNS)
    result = ImportResult(errors=errors)
    decisions = []
    for number, raw in read:
        row = {name: raw.get(name) for name, _label in DECISION_COLUMNS}
        problems = [_("“%(column)s”不能为空") % {"column": label}
                    for name, label in DECISION_COLUMNS
                    if name in REQUIRED_DECISION and _text(row[name]) == ""]  # fmt: skip
        kind = _choice(_text(row["kind"]), Kind.choices)
        target_kind = _choice(_text(row["target_kind"]), TargetKind.choices)
        if _text(row["kind"]) and kind is None:
            problems.append(_("执法类别“%(value)s”无法识别") % {"value": _text(row["kind"])})
        if _text(row["target_kind"]) and target_kind is None:
            problems.append(
                _("当事人类别“%(value)s”无法识别") % {"value": _text(row["target_kind"])}
            )
        decided_on = _date(row["decided_on"])
        if row["decided_on"] not in (None, "") and decided_on is None:
            problems.append(_("决定日期应为 YYYY-MM-DD"))
        amount = None
        if _text(row["penalty_amount"]):
            try:
                amount = Decimal(_text(row["penalty_amount"]).replace(",", ""))
            except InvalidOperation:
                problems.append(_("罚没金额应为数字"))
        if target_kind:
            problems += services.target_code_errors(target_kind, _text(row["target_code"]))
        if problems:
            result.errors.append((number, "；".join(problems)))
            continue
        decisions.append(
            Decision(
                department=department,
                kind=kind,
                number=_text(row["number"]),
                target_kind=target_kind,
                target_name=_text(row["target_name"]),
                target_code=_text(row["target_code"]),
                facts=_text(row["facts"]),
                legal_basis=_text(row["legal_basis"]),
                conclusion=_text(row["conclusion"]),
                penalty_amount=amount,
                decided_on=decided_on,
            )
        )
    if result.errors:
        return result
    taken = set(
        Decision.objects.filter(
            department=department, number__in=[d.number for d in decisions]
        ).values_list("number", flat=True)
    )
    seen = set()
    for (number, _raw), decision in zip(read, decisions, strict=True):
        if decision.number in taken or decision.number in seen:
            result.errors.append((number, _("执法文书号“%(n)s”重复") % {"n": decision.number}))
        seen.add(decision.number)
    if result.errors:
        return result
    with transaction.atomic():
        for decision in decisions:
            services.decision_save(decision, user=user)
            result.rows.append({"pk": decision.pk, "number": decision.number})
    return result


def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(value))
    except ValueError:
        return None


def _item_values(item) -> list:
    return [
        item.code,
        item.name,
        item.get_kind_display(),
        item.legal_basis,
        item.acting_body,
        item.procedure,
        item.time_limit,
        item.remedy,
        "是" if item.random_inspection else "否",
    ]


def items_xlsx(items) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([label for _name, label in ITEM_COLUMNS])
    for item in items:
        sheet.append([formula_safe(value) for value in _item_values(item)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def items_csv(items) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(out)
    writer.writerow([label for _name, label in ITEM_COLUMNS])
    for item in items:
        writer.writerow([formula_safe(value) for value in _item_values(item)])
    return out.getvalue()
