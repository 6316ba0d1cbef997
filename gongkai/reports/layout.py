"""The tables of the annual report laid out as in the official format, for every renderer.

One grid model (rows of cells with colspan/rowspan and a header scope) feeds the HTML page, the
.docx and the .xlsx export, so the three show the same cells under the same official labels.
Layouts follow 国办公开办函〔2021〕30号 and, for 2019 and 2020, the trial format of
国办公开办函〔2019〕60号 (regulations.md §2.3–2.5):

- table 二: one block per 第二十条 item, each with its own header row (信息内容 + its columns);
- table 三: a corner cell with the 勾稽关系 note, 申请人情况 over 自然人 / 法人或其他组织 (five
  columns) / 总计; the groups （三）–（六） are rowspan cells beside their sub-rows;
- table 四: 行政复议 (five columns) and 行政诉讼 split into 未经复议直接起诉 and 复议后起诉.

Pure module: works on ``AnnualTables.as_dict()`` data (as stored in the database). Keys of a
stored JSON object may come back in any order (PostgreSQL's jsonb sorts them), so every layout
walks the official order, never the stored one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import lcm

from gongkai.disclosure.outcomes import (
    APPLICANT_TYPE_CODES,
    FORMAT_2019,
    GROUPS,
    OUTCOMES,
    ROW_2019_OTHER,
)
from gongkai.reports.annual import (
    CASE_KINDS,
    COLUMN_GROUP_LABELS,
    COLUMN_LABELS,
    LAWSUIT_LABEL,
    ROW_CARRIED_FORWARD,
    ROW_CARRIED_OVER,
    ROW_NEW,
    ROW_TOTAL,
    TABLE2_ITEM_LABEL,
    TABLE2_LAYOUT,
    TABLE2_TITLE,
    TABLE3_LABELS,
    TABLE3_NOTE,
    TABLE3_RESULTS_LABEL,
    TABLE3_TITLE,
    TABLE4_COLUMN_LABELS,
    TABLE4_COLUMNS,
    TABLE4_TITLE,
    TOTAL,
    table2_cell_keys,
    table3_row_label,
    table3_rows,
)

SECTION_TITLES = {
    "overview": "一、总体情况",
    "table2": TABLE2_TITLE,
    "table3": TABLE3_TITLE,
    "table4": TABLE4_TITLE,
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}

# Header scopes (HTML ``scope``); ``None`` is a data cell.
COL, COLGROUP, ROW, ROWGROUP = "col", "colgroup", "row", "rowgroup"


@dataclass(frozen=True)
class Cell:
    """One cell. ``value`` is the number of a data cell (None when not filled in); ``key`` names
    a data cell as "row.column" so tests and exports can find it."""

    text: str
    scope: str | None = None
    colspan: int = 1
    rowspan: int = 1
    value: int | float | None = None
    key: str | None = None
    note: bool = False  # the corner cell of table 三 (neither header nor data)

    @property
    def is_header(self) -> bool:
        return self.scope is not None

    @property
    def is_number(self) -> bool:
        return self.scope is None and not self.note


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class GridTable:
    """``head`` rows form the table head; each of ``bodies`` is one group of rows (a tbody)."""

    name: str  # "table2" | "table3" | "table4"
    caption: str
    width: int
    head: tuple[Row, ...]
    bodies: tuple[tuple[Row, ...], ...]

    def all_rows(self) -> Iterator[Row]:
        yield from self.head
        for body in self.bodies:
            yield from body

    def placed(self) -> Iterator[tuple[int, int, Cell]]:
        """Every cell with its (row, column) position in the grid, rowspans taken into account."""
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(self.all_rows()):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                yield r, c, cell
                taken.update(
                    (r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)
                )
                c += cell.colspan

    def cell(self, key: str) -> Cell:
        for row in self.all_rows():
            for cell in row:
                if cell.key == key:
                    return cell
        raise KeyError(key)


def number_text(value: int | float | Decimal | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _data(value, key: str, colspan: int = 1) -> Cell:
    return Cell(number_text(value), value=value, key=key, colspan=colspan)


# ---------------------------------------------------------------------------------------------
# Table 二


def table2_grid(fmt: str, cells: Mapping[str, Mapping[str, int | float | None]]) -> GridTable:
    blocks = TABLE2_LAYOUT[fmt]
    # Each block spreads its columns over the same data width (3 in 2021; 6 in 2019, where
    # blocks have three or two columns).
    width = lcm(*(len(block.columns) for block in blocks))
    bodies = []
    for block in blocks:
        span = width // len(block.columns)
        rows: list[Row] = [
            (Cell(block.label, scope=ROWGROUP, colspan=width + 1),),
            (
                Cell(TABLE2_ITEM_LABEL, scope=COL),
                *(Cell(label, scope=COL, colspan=span) for _, label in block.columns),
            ),
        ]
        for row_key, row_label in block.rows:
            values = cells.get(row_key, {})
            rows.append(
                (
                    Cell(row_label, scope=ROW),
                    *(_data(values.get(col), f"{row_key}.{col}", span) for col, _ in block.columns),
                )
            )
        bodies.append(tuple(rows))
    return GridTable("table2", TABLE2_TITLE, width + 1, (), tuple(bodies))


# ---------------------------------------------------------------------------------------------
# Table 三


def table3_grid(fmt: str, rows: Mapping[str, Sequence[int]]) -> GridTable:
    organisations = len(APPLICANT_TYPE_CODES) - 1
    applicant, organisation = COLUMN_GROUP_LABELS
    head = (
        (
            Cell(TABLE3_NOTE, colspan=3, rowspan=3, note=True),
            Cell(applicant, scope=COLGROUP, colspan=organisations + 2),
        ),
        (
            Cell(COLUMN_LABELS[APPLICANT_TYPE_CODES[0]], scope=COL, rowspan=2),
            Cell(organisation, scope=COLGROUP, colspan=organisations),
            Cell(COLUMN_LABELS[TOTAL], scope=COL, rowspan=2),
        ),
        tuple(Cell(COLUMN_LABELS[code], scope=COL) for code in APPLICANT_TYPE_CODES[1:]),
    )
    results = list(_result_rows(fmt))
    body: list[Row] = [
        _table3_row(rows, ROW_NEW, (Cell(TABLE3_LABELS[ROW_NEW], scope=ROW, colspan=3),)),
        _table3_row(
            rows, ROW_CARRIED_OVER, (Cell(TABLE3_LABELS[ROW_CARRIED_OVER], scope=ROW, colspan=3),)
        ),
    ]
    results_cell = Cell(TABLE3_RESULTS_LABEL, scope=ROWGROUP, rowspan=len(results) + 1)
    for i, (row_key, group_label, group_size) in enumerate(results):
        lead: list[Cell] = [results_cell] if i == 0 else []
        label = table3_row_label(row_key, fmt)
        if group_label is None:
            lead.append(Cell(label, scope=ROW, colspan=2))
        else:
            if group_size:
                lead.append(Cell(group_label, scope=ROWGROUP, rowspan=group_size))
            lead.append(Cell(label, scope=ROW))
        body.append(_table3_row(rows, row_key, tuple(lead)))
    body.append(
        _table3_row(rows, ROW_TOTAL, (Cell(TABLE3_LABELS[ROW_TOTAL], scope=ROW, colspan=2),))
    )
    body.append(
        _table3_row(
            rows,
            ROW_CARRIED_FORWARD,
            (Cell(TABLE3_LABELS[ROW_CARRIED_FORWARD], scope=ROW, colspan=3),),
        )
    )
    return GridTable("table3", TABLE3_TITLE, 10, head, (tuple(body),))


def _result_rows(fmt: str) -> Iterator[tuple[str, str | None, int]]:
    """(row key, its group's label or None for a single row, the group's size on its first
    row else 0) for the result rows of ``fmt``."""
    for group in GROUPS:
        members = [o.code for o in OUTCOMES.values() if o.group is group]
        if fmt == FORMAT_2019 and group.code == ROW_2019_OTHER:
            members = [ROW_2019_OTHER]
        if len(members) == 1:
            yield members[0], None, 0
            continue
        for i, code in enumerate(members):
            yield code, group.label, len(members) if i == 0 else 0


def _table3_row(rows: Mapping[str, Sequence[int]], key: str, lead: Row) -> Row:
    values = rows.get(key) or [None] * (len(APPLICANT_TYPE_CODES) + 1)
    columns = (*APPLICANT_TYPE_CODES, TOTAL)
    return (*lead, *(_data(v, f"{key}.{col}") for col, v in zip(columns, values, strict=True)))


# ---------------------------------------------------------------------------------------------
# Table 四


def table4_grid(rows: Mapping[str, Sequence[int]]) -> GridTable:
    reconsideration, *lawsuits = CASE_KINDS
    width = len(TABLE4_COLUMNS)
    head = (
        (
            Cell(CASE_KINDS[reconsideration], scope=COLGROUP, colspan=width),
            Cell(LAWSUIT_LABEL, scope=COLGROUP, colspan=width * len(lawsuits)),
        ),
        (
            *(Cell(TABLE4_COLUMN_LABELS[col], scope=COL, rowspan=2) for col in TABLE4_COLUMNS),
            *(Cell(CASE_KINDS[kind], scope=COLGROUP, colspan=width) for kind in lawsuits),
        ),
        tuple(
            Cell(TABLE4_COLUMN_LABELS[col], scope=COL) for _ in lawsuits for col in TABLE4_COLUMNS
        ),
    )
    data = tuple(
        _data(value, f"{kind}.{col}")
        for kind in CASE_KINDS
        for col, value in zip(TABLE4_COLUMNS, rows.get(kind) or [None] * width, strict=True)
    )
    return GridTable("table4", TABLE4_TITLE, width * len(CASE_KINDS), head, ((data,),))


def report_grids(tables: Mapping) -> tuple[GridTable, GridTable, GridTable]:
    """Tables 二, 三 and 四 of stored ``AnnualTables.as_dict()`` data."""
    fmt = tables["format"]
    return (
        table2_grid(fmt, tables["table2"]),
        table3_grid(fmt, tables["table3"]),
        table4_grid(tables["table4"]),
    )


# ---------------------------------------------------------------------------------------------
# Figures derived for charts and section 六


def requests_by_outcome(fmt: str, rows: Mapping[str, Sequence[int]]) -> list[tuple[str, int]]:
    """(group name, requests) for （一）–（六）: the 总计 column summed over each group's rows."""
    totals = []
    for group in GROUPS:
        keys = {
            o.row_2019 if fmt == FORMAT_2019 else o.code
            for o in OUTCOMES.values()
            if o.group is group
        }
        totals.append((group.name, sum(rows[key][-1] for key in keys if key in rows)))
    return totals


def fees_sentence(year: int, amount: Decimal | None) -> str:
    """The sentence on 信息处理费 that opens section 六 (the practice of published reports)."""
    if amount is None:
        return ""
    if amount == 0:
        return f"{year}年度未收取政府信息公开信息处理费。"
    return f"{year}年度共收取政府信息公开信息处理费{amount:.2f}元。"


def ordered_tables(tables: Mapping) -> dict:
    """Stored ``AnnualTables.as_dict()`` data with every row and cell in official order."""
    fmt = tables["format"]
    table2: dict[str, dict] = {}
    for key in table2_cell_keys(fmt):
        row, col = key.split(".")
        table2.setdefault(row, {})[col] = tables["table2"].get(row, {}).get(col)
    return {
        "year": tables["year"],
        "format": fmt,
        "columns": list(tables["columns"]),
        "table2": table2,
        "table3": {row: tables["table3"][row] for row in table3_rows(fmt)},
        "table4": {kind: tables["table4"][kind] for kind in CASE_KINDS},
    }
