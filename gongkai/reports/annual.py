"""The tables of the annual report (政府信息公开工作年度报告), computed from plain records.

Formats (regulations.md §2): 国办公开办函〔2021〕30号 from the 2021 report on, and the trial
format of 国办公开办函〔2019〕60号 for 2019 and 2020. Row and column labels are the official text.

Table 三 counts requests per applicant column. For report year Y, a request counts as
- 本年新收 (``new``): received in Y;
- 上年结转 (``carried_over``): received before Y and still open on 1 January of Y;
- an outcome row: closed in Y (replied, lapsed or withdrawn: ``replied_on`` is the closing day);
- 结转下年度继续办理 (``carried_forward``): received by 31 December of Y and open on that day.
Every request that is new or carried over is either closed in Y or carried forward, so the
勾稽关系 本年新收 + 上年结转 = 办理结果总计 + 结转下年度 holds by construction.
``RequestRecord.carried_over`` marks a request taken over from an earlier register whose own
receipt day is unknown or belongs to that register: it counts as 上年结转 (not 本年新收) in the
year of its ``received_on``.

Neither format has subtotal rows for the groups （三）–（六）: the group label spans its sub-rows
(§2.4), so table 三 has rows only for the 21 outcomes (19 rows in the 2019 format, where （六）
其他处理 is one row) and （七）总计.

Table 四 counts the administrative reconsiderations (行政复议) and lawsuits (行政诉讼) about
requests in the same way: a case counts in Y if it was filed by 31 December of Y and not decided
before 1 January of Y; decided in Y → its result column, else 尚未审结.

Pure module: no Django, no ORM. Selectors build the records; the API serialises ``as_dict()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gongkai.disclosure.outcomes import (
    APPLICANT_TYPE_CODES,
    APPLICANT_TYPES,
    FORMAT_2019,
    FORMAT_2021,
    ORGANISATION_LABEL,
    OUTCOMES,
    TOTAL_COLUMN_LABEL,
    result_rows,
    row_label,
)

FIRST_REPORT_YEAR = 2019  # the 2019 条例 and the trial format

# ---------------------------------------------------------------------------------------------
# Layout of table 三


TOTAL = "total"
COLUMNS: tuple[str, ...] = (*APPLICANT_TYPE_CODES, TOTAL)
COLUMN_LABELS: Mapping[str, str] = {
    **{code: APPLICANT_TYPES[code].label for code in APPLICANT_TYPE_CODES},
    TOTAL: TOTAL_COLUMN_LABEL,
}
COLUMN_GROUP_LABELS = ("申请人情况", ORGANISATION_LABEL)

ROW_NEW = "new"
ROW_CARRIED_OVER = "carried_over"
ROW_TOTAL = "total"
ROW_CARRIED_FORWARD = "carried_forward"
TABLE3_LABELS: Mapping[str, str] = {
    ROW_NEW: "一、本年新收政府信息公开申请数量",
    ROW_CARRIED_OVER: "二、上年结转政府信息公开申请数量",
    ROW_TOTAL: "（七）总计",
    ROW_CARRIED_FORWARD: "四、结转下年度继续办理",
}
TABLE3_RESULTS_LABEL = "三、本年度办理结果"
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_TITLE = "三、收到和处理政府信息公开申请情况"


def format_for_year(year: int) -> str:
    """The report format in force for ``year``'s report."""
    if year < FIRST_REPORT_YEAR:
        raise ValueError(
            f"{year}年早于2019年《条例》施行后的首个年报 / no report format before {FIRST_REPORT_YEAR}"
        )
    return FORMAT_2019 if year < 2021 else FORMAT_2021


def table3_rows(fmt: str) -> tuple[str, ...]:
    """All row keys of table 三 in ``fmt``, in official order."""
    return (ROW_NEW, ROW_CARRIED_OVER, *result_rows(fmt), ROW_TOTAL, ROW_CARRIED_FORWARD)


def table3_row_label(row: str, fmt: str) -> str:
    return TABLE3_LABELS.get(row) or row_label(row, fmt)


# ---------------------------------------------------------------------------------------------
# Input records


@dataclass(frozen=True)
class RequestRecord:
    """One disclosure request as table 三 sees it. ``replied_on`` is the day it was closed."""

    applicant_type: str
    received_on: date
    carried_over: bool = False
    outcome_code: str | None = None
    replied_on: date | None = None


CASE_KINDS: Mapping[str, str] = {
    "reconsideration": "行政复议",
    "lawsuit_direct": "未经复议直接起诉",
    "lawsuit_after_reconsideration": "复议后起诉",
}
LAWSUIT_LABEL = "行政诉讼"
CASE_RESULTS: Mapping[str, str] = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
}
PENDING = "pending"
TABLE4_COLUMNS: tuple[str, ...] = (*CASE_RESULTS, PENDING, TOTAL)
TABLE4_COLUMN_LABELS: Mapping[str, str] = {**CASE_RESULTS, PENDING: "尚未审结", TOTAL: "总计"}
TABLE4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"


@dataclass(frozen=True)
class CaseRecord:
    """One 行政复议 or 行政诉讼 about a request (``kind`` in ``CASE_KINDS``)."""

    kind: str
    filed_on: date
    result: str | None = None  # in CASE_RESULTS once decided
    decided_on: date | None = None


class RecordError(ValueError):
    """A record that cannot be counted; names the record."""


# ---------------------------------------------------------------------------------------------
# Table 三


@dataclass(frozen=True)
class Table3:
    """Rows keyed as in ``table3_rows(format)``; each row has 7 values in ``COLUMNS`` order."""

    format: str
    rows: Mapping[str, tuple[int, ...]]

    def as_dict(self) -> dict[str, list[int]]:
        return {row: list(values) for row, values in self.rows.items()}


def compute_table3(records: Iterable[RequestRecord], year: int, fmt: str | None = None) -> Table3:
    fmt = fmt or format_for_year(year)
    first, last = date(year, 1, 1), date(year, 12, 31)
    counts = {row: [0] * len(APPLICANT_TYPE_CODES) for row in table3_rows(fmt)}
    column_of = {code: i for i, code in enumerate(APPLICANT_TYPE_CODES)}
    for record in records:
        _check_request(record)
        column = column_of[record.applicant_type]
        for row in _table3_rows_of(record, first, last, fmt):
            counts[row][column] += 1
    counts[ROW_TOTAL] = [
        sum(col) for col in zip(*(counts[r] for r in result_rows(fmt)), strict=True)
    ]
    return Table3(fmt, {row: (*values, sum(values)) for row, values in counts.items()})


def _table3_rows_of(record: RequestRecord, first: date, last: date, fmt: str) -> list[str]:
    received, closed = record.received_on, record.replied_on
    if received > last or (closed is not None and closed < first):
        return []
    rows = []
    taken_over = record.carried_over and received.year == first.year
    rows.append(ROW_CARRIED_OVER if received < first or taken_over else ROW_NEW)
    if closed is not None and closed <= last:
        assert record.outcome_code is not None  # _check_request
        outcome = OUTCOMES[record.outcome_code]
        rows.append(outcome.row_2019 if fmt == FORMAT_2019 else outcome.code)
    else:
        rows.append(ROW_CARRIED_FORWARD)
    return rows


def _check_request(record: RequestRecord) -> None:
    if record.applicant_type not in APPLICANT_TYPES:
        raise RecordError(f"未知的申请人类型 / unknown applicant type: {record!r}")
    if (record.outcome_code is None) != (record.replied_on is None):
        raise RecordError(
            f"处理结果与办结日期须同时填写 / outcome and closing day go together: {record!r}"
        )
    if record.outcome_code is not None and record.outcome_code not in OUTCOMES:
        raise RecordError(f"未知的处理结果 / unknown outcome: {record!r}")
    if record.replied_on is not None and record.replied_on < record.received_on:
        raise RecordError(f"办结日期早于收到日期 / closed before received: {record!r}")


def requests_by_month(records: Iterable[RequestRecord], year: int) -> tuple[int, ...]:
    """Requests received in each month of ``year`` (本年新收 by month), for the report's chart."""
    months = [0] * 12
    for record in records:
        if record.received_on.year == year and not record.carried_over:
            months[record.received_on.month - 1] += 1
    return tuple(months)


# ---------------------------------------------------------------------------------------------
# Table 四


@dataclass(frozen=True)
class Table4:
    """Rows keyed by ``CASE_KINDS``; each row has 5 values in ``TABLE4_COLUMNS`` order."""

    rows: Mapping[str, tuple[int, ...]]

    def values(self) -> tuple[int, ...]:
        """The 15 numbers of the table's data row, left to right."""
        return tuple(value for kind in CASE_KINDS for value in self.rows[kind])

    def as_dict(self) -> dict[str, list[int]]:
        return {kind: list(values) for kind, values in self.rows.items()}


def compute_table4(cases: Iterable[CaseRecord], year: int) -> Table4:
    first, last = date(year, 1, 1), date(year, 12, 31)
    counts = {kind: dict.fromkeys((*CASE_RESULTS, PENDING), 0) for kind in CASE_KINDS}
    for case in cases:
        _check_case(case)
        if case.filed_on > last or (case.decided_on is not None and case.decided_on < first):
            continue
        decided = case.decided_on is not None and case.decided_on <= last
        counts[case.kind][case.result if decided else PENDING] += 1
    return Table4({kind: (*row.values(), sum(row.values())) for kind, row in counts.items()})


def _check_case(case: CaseRecord) -> None:
    if case.kind not in CASE_KINDS:
        raise RecordError(f"未知的案件类型 / unknown case kind: {case!r}")
    if (case.result is None) != (case.decided_on is None):
        raise RecordError(
            f"结果与审结日期须同时填写 / result and decision day go together: {case!r}"
        )
    if case.result is not None and case.result not in CASE_RESULTS:
        raise RecordError(f"未知的审理结果 / unknown result: {case!r}")
    if case.decided_on is not None and case.decided_on < case.filed_on:
        raise RecordError(f"审结日期早于立案日期 / decided before filed: {case!r}")


# ---------------------------------------------------------------------------------------------
# Table 二


Figure = int | Decimal


@dataclass(frozen=True)
class Table2Block:
    """One block of table 二: e.g. 第二十条第（一）项 with its columns and rows (key, label)."""

    label: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple[str, str], ...]


TABLE2_TITLE = "二、主动公开政府信息情况"
TABLE2_ITEM_LABEL = "信息内容"
_DECISIONS_2019 = (
    ("items_last_year", "上一年项目数量"),
    ("items_change", "本年增/减"),
    ("decisions", "处理决定数量"),
)
TABLE2_LAYOUT: Mapping[str, tuple[Table2Block, ...]] = {
    FORMAT_2021: (
        Table2Block(
            "第二十条第（一）项",
            (
                ("issued", "本年制发件数"),
                ("repealed", "本年废止件数"),
                ("in_force", "现行有效件数"),
            ),
            (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
        ),
        Table2Block(
            "第二十条第（五）项",
            (("decisions", "本年处理决定数量"),),
            (("permits", "行政许可"),),
        ),
        Table2Block(
            "第二十条第（六）项",
            (("decisions", "本年处理决定数量"),),
            (("penalties", "行政处罚"), ("coercions", "行政强制")),
        ),
        Table2Block(
            "第二十条第（八）项",
            (("amount", "本年收费金额（单位：万元）"),),
            (("fees", "行政事业性收费"),),
        ),
    ),
    FORMAT_2019: (
        Table2Block(
            "第二十条第（一）项",
            (
                ("made", "本年新制作数量"),
                ("published", "本年新公开数量"),
                ("public_total", "对外公开总数量"),
            ),
            (("regulations", "规章"), ("normative_documents", "规范性文件")),
        ),
        Table2Block(
            "第二十条第（五）项",
            _DECISIONS_2019,
            (("permits", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ),
        Table2Block(
            "第二十条第（六）项",
            _DECISIONS_2019,
            (("penalties", "行政处罚"), ("coercions", "行政强制")),
        ),
        Table2Block(
            "第二十条第（八）项",
            _DECISIONS_2019[:2],
            (("fees", "行政事业性收费"),),
        ),
        Table2Block(
            "第二十条第（九）项",
            (("procurement_items", "采购项目数量"), ("procurement_amount", "采购总金额")),
            (("procurement", "政府集中采购"),),
        ),
    ),
}
DOCUMENT_ROWS = ("regulations", "normative_documents")
# Rows whose 处理决定数量 the enforcement decisions recorded in 行政执法公示 give, unless staff
# enter the figure (permits handled in another system, say): 行政许可, 行政处罚, 行政强制.
DECISION_ROWS = ("permits", "penalties", "coercions")
DECISION_COLUMN = "decisions"
# Cells that may be negative (a year-on-year change).
SIGNED_COLUMNS = frozenset({"items_change"})


@dataclass(frozen=True)
class DocumentCounts:
    """Counts from the document library for one row (规章 or 行政规范性文件).

    2021 format: ``issued`` 本年制发件数, ``repealed`` 本年废止件数, ``in_force`` 现行有效件数.
    2019 format: ``issued`` 本年新制作数量, ``published`` 本年新公开数量, ``public_total``
    对外公开总数量 (the last two are only asked for in that format).
    """

    issued: int
    repealed: int
    in_force: int
    published: int | None = None
    public_total: int | None = None

    def cells(self, fmt: str) -> dict[str, int | None]:
        if fmt == FORMAT_2021:
            return {"issued": self.issued, "repealed": self.repealed, "in_force": self.in_force}
        return {"made": self.issued, "published": self.published, "public_total": self.public_total}


@dataclass(frozen=True)
class Table2:
    """Cells keyed by row then column, as in ``TABLE2_LAYOUT[format]``; ``None`` = not entered."""

    format: str
    cells: Mapping[str, Mapping[str, Figure | None]]

    def as_dict(self) -> dict[str, dict[str, int | float | None]]:
        return {
            row: {col: _json_number(value) for col, value in cols.items()}
            for row, cols in self.cells.items()
        }


def _json_number(value: Figure | None) -> int | float | None:
    return float(value) if isinstance(value, Decimal) else value


def table2_cell_keys(fmt: str) -> tuple[str, ...]:
    """Every cell of table 二 in ``fmt`` as "row.column"."""
    return tuple(
        f"{row}.{col}"
        for block in TABLE2_LAYOUT[fmt]
        for row, _ in block.rows
        for col, _ in block.columns
    )


def compute_table2(
    fmt: str,
    *,
    documents: Mapping[str, DocumentCounts],
    entered: Mapping[str, Figure],
    decisions: Mapping[str, int] | None = None,
) -> Table2:
    """Table 二 from library counts (``documents`` keyed by ``DOCUMENT_ROWS``), figures
    entered by staff (``entered`` keyed "row.column"; the document rows cannot be entered) and
    enforcement decisions counted (``decisions`` keyed by ``DECISION_ROWS``), which fill the
    处理决定数量 of their rows where staff entered nothing."""
    keys = table2_cell_keys(fmt)
    decisions = decisions or {}
    _check_table2_input(fmt, keys, documents, entered)
    if set(decisions) - set(DECISION_ROWS):
        raise RecordError(f"未知的执法决定行 / unknown decision rows: {sorted(decisions)}")
    cells: dict[str, dict[str, Figure | None]] = {}
    for key in keys:
        row, col = key.split(".")
        cells.setdefault(row, {})[col] = entered.get(key)
    for row, counts in documents.items():
        cells[row] = counts.cells(fmt)
    for row, count in decisions.items():
        if cells[row][DECISION_COLUMN] is None:
            cells[row][DECISION_COLUMN] = count
    return Table2(fmt, cells)


def _check_table2_input(fmt, keys, documents, entered) -> None:
    unknown_rows = set(documents) - set(DOCUMENT_ROWS)
    if unknown_rows:
        raise RecordError(f"未知的文件行 / unknown document rows: {sorted(unknown_rows)}")
    unknown = set(entered) - set(keys)
    from_library = {key for key in entered if key.split(".")[0] in DOCUMENT_ROWS}
    if unknown or from_library:
        raise RecordError(
            "表二中不能填写这些单元格（不存在或由文件库统计）/ cells that cannot be entered "
            f"(unknown, or counted from the library): {sorted(unknown | from_library)}"
        )


# ---------------------------------------------------------------------------------------------
# The whole report


@dataclass(frozen=True)
class AnnualTables:
    year: int
    format: str
    table2: Table2
    table3: Table3
    table4: Table4

    def as_dict(self) -> dict:
        """JSON shape: table 三 rows keyed by outcome code plus ``new``, ``carried_over``,
        ``total``, ``carried_forward``, each a list of 7 values in ``columns`` order."""
        return {
            "year": self.year,
            "format": self.format,
            "columns": list(COLUMNS),
            "table2": self.table2.as_dict(),
            "table3": self.table3.as_dict(),
            "table4": self.table4.as_dict(),
        }


def compute_annual_tables(
    year: int,
    *,
    requests: Iterable[RequestRecord],
    cases: Iterable[CaseRecord] = (),
    documents: Mapping[str, DocumentCounts] | None = None,
    entered: Mapping[str, Figure] | None = None,
    decisions: Mapping[str, int] | None = None,
) -> AnnualTables:
    fmt = format_for_year(year)
    table2 = compute_table2(
        fmt, documents=documents or {}, entered=entered or {}, decisions=decisions
    )
    return AnnualTables(
        year=year,
        format=fmt,
        table2=table2,
        table3=compute_table3(requests, year, fmt),
        table4=compute_table4(cases, year),
    )


def tables_from_dict(data: Mapping) -> AnnualTables:
    """Rebuild tables from ``AnnualTables.as_dict()`` output (a stored or edited draft)."""
    fmt = data["format"]
    return AnnualTables(
        year=int(data["year"]),
        format=fmt,
        table2=Table2(fmt, {row: dict(cols) for row, cols in data["table2"].items()}),
        table3=Table3(fmt, {row: tuple(values) for row, values in data["table3"].items()}),
        table4=Table4({kind: tuple(values) for kind, values in data["table4"].items()}),
    )


def report_due_on(year: int, *, government: bool = False) -> date:
    """Publication deadline of ``year``'s report (《条例》第四十九条): 1月31日 for departments,
    3月31日 for a government's own report (published by its 主管部门)."""
    return date(year + 1, 3, 31) if government else date(year + 1, 1, 31)


# ---------------------------------------------------------------------------------------------
# Consistency checks (run before publishing)


@dataclass(frozen=True)
class Problem:
    """A problem found before publishing; ``row`` and ``column`` are keys for programs, the
    texts name cells by their official labels."""

    code: str
    table: str  # "二" | "三" | "四"
    row: str | None
    column: str | None
    zh: str
    en: str


def cell_label(table: str, fmt: str | None, row: str, column: str | None = None) -> str:
    """A cell (or a row) of table 三 or 四 by its official labels: “（七）总计”“自然人”.
    ``fmt`` (the report format) matters for table 三 only."""
    if table == "三":
        row_name = _label(lambda: table3_row_label(row, fmt), row)
        column_name = COLUMN_LABELS.get(column or "", column)
    else:
        row_name = CASE_KINDS.get(row, row)
        column_name = TABLE4_COLUMN_LABELS.get(column or "", column)
    return f"“{row_name}”" + (f"“{column_name}”" if column else "")


def _label(find, fallback: str) -> str:
    try:
        return find()
    except KeyError:
        return fallback


def check_consistency(tables: AnnualTables) -> list[Problem]:
    """Every 总计 equals its parts and 本年新收 + 上年结转 = 办理结果总计 + 结转下年度, per column;
    every row and cell is present, no count is negative, no table 二 figure is missing."""
    return [
        *_check_table2(tables.table2),
        *_check_table3(tables.table3),
        *_check_table4(tables.table4),
    ]


def _check_table3(table: Table3) -> list[Problem]:
    fmt = table.format
    problems = _check_shape("三", fmt, table.rows, table3_rows(fmt), len(COLUMNS))
    if problems:
        return problems
    rows = table.rows
    for row, values in rows.items():
        problems += _negatives("三", fmt, row, values, COLUMNS)
        if values[-1] != sum(values[:-1]):
            problems.append(_sum_problem("三", fmt, row, TOTAL, values[-1], sum(values[:-1])))
    results = result_rows(fmt)
    for i, col in enumerate(COLUMNS):
        parts = sum(rows[r][i] for r in results)
        if rows[ROW_TOTAL][i] != parts:
            problems.append(_sum_problem("三", fmt, ROW_TOTAL, col, rows[ROW_TOTAL][i], parts))
        problems += _balance(rows, i, col)
    return problems


def _balance(rows: Mapping[str, tuple[int, ...]], i: int, col: str) -> list[Problem]:
    received = rows[ROW_NEW][i] + rows[ROW_CARRIED_OVER][i]
    handled = rows[ROW_TOTAL][i] + rows[ROW_CARRIED_FORWARD][i]
    if received == handled:
        return []
    return [
        Problem(
            "balance",
            "三",
            None,
            col,
            f"“{COLUMN_LABELS[col]}”列：本年新收＋上年结转（{received}）≠ 办理结果总计＋结转下年度"
            f"（{handled}）",
            f"column “{COLUMN_LABELS[col]}”: new + carried over ({received}) != results total "
            f"+ carried forward ({handled})",
        )
    ]


def _check_table4(table: Table4) -> list[Problem]:
    problems = _check_shape("四", None, table.rows, tuple(CASE_KINDS), len(TABLE4_COLUMNS))
    if problems:
        return problems
    for kind, values in table.rows.items():
        problems += _negatives("四", None, kind, values, TABLE4_COLUMNS)
        if values[-1] != sum(values[:-1]):
            problems.append(_sum_problem("四", None, kind, TOTAL, values[-1], sum(values[:-1])))
    return problems


def _check_table2(table: Table2) -> list[Problem]:
    problems = []
    for key in table2_cell_keys(table.format):
        row, col = key.split(".")
        value = table.cells.get(row, {}).get(col)
        if value is None:
            problems.append(
                Problem(
                    "missing",
                    "二",
                    row,
                    col,
                    f"表二“{_table2_label(table.format, row, col)}”未填写",
                    f"table 二: “{_table2_label(table.format, row, col)}” is not filled in",
                )
            )
        elif value < 0 and col not in SIGNED_COLUMNS:
            label = f"“{_table2_label(table.format, row, col)}”"
            problems.append(_negative_problem("二", row, col, value, label))
    return problems


def _table2_label(fmt: str, row: str, col: str) -> str:
    for block in TABLE2_LAYOUT[fmt]:
        rows, cols = dict(block.rows), dict(block.columns)
        if row in rows and col in cols:
            return f"{rows[row]}—{cols[col]}"
    return f"{row}.{col}"


def _check_shape(table, fmt, rows, expected, width) -> list[Problem]:
    problems = []
    for row in set(expected) ^ set(rows):
        missing = row in expected
        label = cell_label(table, fmt, row)
        problems.append(
            Problem(
                "missing_row" if missing else "unknown_row",
                table,
                row,
                None,
                f"表{table}{'缺少' if missing else '多出'}行：{label}",
                f"table {table}: {'missing' if missing else 'unknown'} row {label}",
            )
        )
    for row, values in rows.items():
        if row in expected and len(values) != width:
            label = cell_label(table, fmt, row)
            problems.append(
                Problem(
                    "row_width",
                    table,
                    row,
                    None,
                    f"表{table}{label}行应有{width}个数，实有{len(values)}个",
                    f"table {table}: row {label} has {len(values)} values, expected {width}",
                )
            )
    return sorted(problems, key=lambda p: (p.code, p.row or ""))


def _negatives(table, fmt, row, values, columns) -> list[Problem]:
    return [
        _negative_problem(table, row, col, value, cell_label(table, fmt, row, col))
        for col, value in zip(columns, values, strict=True)
        if value < 0
    ]


def _negative_problem(table, row, col, value, label) -> Problem:
    return Problem(
        "negative",
        table,
        row,
        col,
        f"表{table}{label}为负数（{value}）",
        f"table {table}: {label} is negative ({value})",
    )


def _sum_problem(table, fmt, row, col, stated, parts) -> Problem:
    label = cell_label(table, fmt, row, col)
    return Problem(
        "sum",
        table,
        row,
        col,
        f"表{table}{label}：总计 {stated} ≠ 各项之和 {parts}",
        f"table {table}: {label}: total {stated} != sum of parts {parts}",
    )
