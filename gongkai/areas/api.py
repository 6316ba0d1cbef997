"""财政预决算, 政府债务, 就业 and 放管服 in the public API: the lists (filtered by department, year
and kind or category, 就业 and 放管服 by words too; as CSV with ``format=csv``), a budget record
with its tables as data, a 就业 record and a 放管服 measure. The same records and page cache as the portal's /finance/ and /key-areas/ pages.

Mounted by gongkai/api/api.py (``api.add_router("", "gongkai.areas.api.router")``).
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from gongkai.api.csv_export import csv_response
from gongkai.api.documents import CSV_RESPONSE, ListFormat
from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.pagination import Page, PageParams, paginate
from gongkai.api.schemas import Detail, DocumentRef, ObjectId, Ref, absolute
from gongkai.areas import exports, selectors
from gongkai.areas.models import (
    BudgetDisclosure,
    BudgetKind,
    DebtDisclosure,
    DebtKind,
    EmploymentKind,
    EmploymentRecord,
    ReformCategory,
    ReformMeasure,
    ReformStatus,
)
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag

router = Router(tags=["finance 财政预决算和政府债务"])

BudgetKindCode = Literal[tuple(BudgetKind.values)]
DebtKindCode = Literal[tuple(DebtKind.values)]
EmploymentKindCode = Literal[tuple(EmploymentKind.values)]
ReformCategoryCode = Literal[tuple(ReformCategory.values)]


class BudgetListParams(Schema):
    department: ObjectId | None = Field(None, description="公开部门 id")
    year: int | None = Field(None, ge=1990, le=2100, description="年度")
    kind: BudgetKindCode | None = Field(None, description="类别 kind")
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class DebtListParams(Schema):
    year: int | None = Field(None, ge=1990, le=2100, description="年度")
    kind: DebtKindCode | None = Field(
        None, description="债务类别: general 一般债务, special 专项债务"
    )
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class EmploymentListParams(Schema):
    department: ObjectId | None = Field(None, description="公开部门 id")
    year: int | None = Field(None, ge=1990, le=2100, description="年度")
    kind: EmploymentKindCode | None = Field(
        None, description="类别: programme 就业项目, subsidy 就业补贴, job_fair 招聘会"
    )
    q: str | None = Field(None, max_length=100, description="词语（全部须出现）words, all required")
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class ReformListParams(Schema):
    department: ObjectId | None = Field(None, description="实施部门 id")
    year: int | None = Field(None, ge=1990, le=2100, description="年度")
    category: ReformCategoryCode | None = Field(
        None, description="改革类别: streamline 简政放权, regulate 放管结合, serve 优化服务"
    )
    q: str | None = Field(None, max_length=100, description="词语（全部须出现）words, all required")
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class TableRowOut(Schema):
    label: str = Field(description="行标题 row label")
    values: list[float | int | str | None] = Field(description="各列的值 the row's values")


class TableOut(Schema):
    sheet: str = Field(description="工作表名称 sheet name")
    caption: list[str] = Field(description="表名、单位等 title and unit lines")
    label_heading: str = Field(description="行标题列的表头 heading of the label column")
    columns: list[str] = Field(description="其余各列的表头 headings of the value columns")
    rows: list[TableRowOut]


def _public_document(obj):
    document = obj.document
    return document if document is not None and document.is_public else None


class BudgetOut(Schema):
    """A published 财政预决算 record."""

    id: int
    title: str = Field(description="标题")
    department: Ref = Field(description="公开部门")
    year: int = Field(description="年度")
    kind: str = Field(description="类别: " + ", ".join(BudgetKind.values))
    kind_label: str
    disclosed_on: date | None = Field(description="公开日期")
    document: DocumentRef | None = Field(description="公开文件（公开的）public document")
    file_url: str | None = Field(description="预决算表格原文件 the file as uploaded")
    has_tables: bool = Field(description="是否有表格数据 whether its tables are data")
    note: str = Field(description="说明")
    url: str = Field(description="门户网页 portal page")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_document(obj):
        return _public_document(obj)

    @staticmethod
    def resolve_file_url(obj, context) -> str | None:
        return absolute(context, obj.file.url) if obj.file else None

    @staticmethod
    def resolve_has_tables(obj) -> bool:
        return bool(obj.tables)

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


class BudgetDetailOut(BudgetOut):
    tables: list[TableOut] = Field(description="表格数据 the workbook's tables as data")


class DebtOut(Schema):
    """A published 政府债务 record; amounts in 万元."""

    id: int
    year: int = Field(description="年度")
    kind: str = Field(description="债务类别: general 一般债务, special 专项债务")
    kind_label: str
    department: Ref = Field(description="公开部门")
    limit: Decimal = Field(description="债务限额（万元）")
    balance: Decimal = Field(description="债务余额（万元）")
    new_bonds: Decimal = Field(description="新增债券发行额（万元）")
    refinancing_bonds: Decimal = Field(description="再融资债券发行额（万元）")
    principal_repaid: Decimal = Field(description="还本额（万元）")
    interest_paid: Decimal = Field(description="付息额（万元）")
    use_of_funds: list[str] = Field(description="新增债券资金使用安排 projects funded")
    repayment: str = Field(description="还本付息情况")
    document: DocumentRef | None = Field(description="公开文件（公开的）public document")
    disclosed_on: date | None = Field(description="公开日期")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_use_of_funds(obj) -> list[str]:
        return obj.projects

    @staticmethod
    def resolve_document(obj):
        return _public_document(obj)


class EmploymentOut(Schema):
    """A published 就业 record: a programme, a subsidy or a job fair."""

    id: int
    title: str = Field(description="标题")
    kind: str = Field(description="类别: " + ", ".join(EmploymentKind.values))
    kind_label: str
    department: Ref = Field(description="公开部门")
    year: int = Field(description="年度")
    summary: str = Field(description="摘要")
    target_groups: str = Field(description="适用对象 who it is for")
    standard: str = Field(description="补贴标准 subsidy standard")
    amount: Decimal | None = Field(description="补贴金额（元） subsidy amount in yuan")
    held_on: date | None = Field(description="招聘会举办日期 date of the job fair")
    place: str = Field(description="举办地点 place of the job fair")
    how_to_apply: str = Field(description="申请方式")
    contact: str = Field(description="咨询电话")
    document: DocumentRef | None = Field(description="公开文件（公开的）public document")
    disclosed_on: date | None = Field(description="公开日期")
    url: str = Field(description="门户网页 portal page")

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_document(obj):
        return _public_document(obj)

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


class EmploymentDetailOut(EmploymentOut):
    body: str = Field(description="正文")


class ReformOut(Schema):
    """A published 放管服改革措施."""

    id: int
    title: str = Field(description="措施名称")
    category: str = Field(description="改革类别: " + ", ".join(ReformCategory.values))
    category_label: str
    department: Ref = Field(description="实施部门")
    year: int = Field(description="年度")
    content: str = Field(description="改革内容")
    basis: str = Field(description="依据")
    document: DocumentRef | None = Field(description="依据文件（公开的）public basis document")
    implemented_on: date | None = Field(description="实施日期")
    status: str = Field(description="实施状态: " + ", ".join(ReformStatus.values))
    status_label: str
    disclosed_on: date | None = Field(description="公开日期")
    url: str = Field(description="门户网页 portal page")

    @staticmethod
    def resolve_category_label(obj) -> str:
        return str(obj.get_category_display())

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_document(obj):
        return _public_document(obj)

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


def _documents_shown(request, records) -> None:
    tag(request, *(obj_tag(record.document) for record in records if record.document))


@router.get("/budgets", response=Page[BudgetOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(BudgetDisclosure), list_tag(Department)))
def list_budgets(request: HttpRequest, params: Query[BudgetListParams], paging: Query[PageParams]):
    """财政预决算列表: published records, the latest year first."""
    records = selectors.public_records(
        BudgetDisclosure, department=params.department, year=params.year, kind=params.kind or ""
    )
    columns = csv_columns(exports.budget_fields(request))
    return _record_list(request, params, paging, records, "财政预决算.csv", columns)


@router.get("/budgets/{id}", response={200: BudgetDetailOut, 404: Detail})
@decorate_view(public_page())
def get_budget(request: HttpRequest, id: Path[ObjectId]):
    """财政预决算详情, with the tables of its workbook as data."""
    return _record_detail(request, BudgetDisclosure, id)


@router.get("/debts", response=Page[DebtOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(DebtDisclosure), list_tag(Department)))
def list_debts(request: HttpRequest, params: Query[DebtListParams], paging: Query[PageParams]):
    """政府债务列表: published records, the latest year first."""
    records = selectors.public_records(DebtDisclosure, year=params.year, kind=params.kind or "")
    columns = csv_columns(exports.DEBT_FIELDS)
    return _record_list(request, params, paging, records, "政府债务.csv", columns)


def _record_detail(request: HttpRequest, model, pk: int):
    record = selectors.public_record(model, pk)
    if record is None:
        raise ApiError(404, *NOT_FOUND)
    tag(request, obj_tag(record), obj_tag(record.department))
    _documents_shown(request, [record])
    return record


def _record_list(request: HttpRequest, params, paging: PageParams, records, filename, columns):
    """A page of ``records``, or all of them as CSV (``filename``) with ``format=csv``."""
    if params.format == "csv":
        _documents_shown(request, records)
        return csv_response(filename, columns, records)
    page = paginate(request, records, paging)
    _documents_shown(request, page["items"])
    return page


@router.get("/employment", response=Page[EmploymentOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(EmploymentRecord), list_tag(Department)))
def list_employment(
    request: HttpRequest, params: Query[EmploymentListParams], paging: Query[PageParams]
):
    """就业信息列表: published programmes, subsidies and job fairs, the latest year first."""
    records = selectors.public_records(
        EmploymentRecord,
        department=params.department,
        year=params.year,
        kind=params.kind or "",
        q=params.q or "",
    )
    columns = csv_columns(exports.EMPLOYMENT_FIELDS)
    return _record_list(request, params, paging, records, "就业信息.csv", columns)


@router.get("/employment/{id}", response={200: EmploymentDetailOut, 404: Detail})
@decorate_view(public_page())
def get_employment(request: HttpRequest, id: Path[ObjectId]):
    """就业信息详情."""
    return _record_detail(request, EmploymentRecord, id)


@router.get("/reforms", response=Page[ReformOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(ReformMeasure), list_tag(Department)))
def list_reforms(request: HttpRequest, params: Query[ReformListParams], paging: Query[PageParams]):
    """放管服改革措施列表: published measures, the latest year first."""
    records = selectors.public_records(
        ReformMeasure,
        department=params.department,
        year=params.year,
        category=params.category or "",
        q=params.q or "",
    )
    columns = csv_columns(exports.REFORM_FIELDS)
    return _record_list(request, params, paging, records, "放管服改革措施.csv", columns)


@router.get("/reforms/{id}", response={200: ReformOut, 404: Detail})
@decorate_view(public_page())
def get_reform(request: HttpRequest, id: Path[ObjectId]):
    """放管服改革措施详情."""
    return _record_detail(request, ReformMeasure, id)


def csv_columns(fields):
    """A column's download fields with both headers, after the record's id."""
    return [
        ("id", lambda r: r.pk),
        *((f"{field.header} {field.header_en}", field.get) for field in fields),
    ]
