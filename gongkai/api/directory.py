"""The values the document filters take: departments, topics, document kinds."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from gongkai.api.csv_export import csv_response
from gongkai.api.documents import CSV_RESPONSE, ListFormat
from gongkai.api.pagination import Page, PageParams, paginate
from gongkai.api.schemas import DepartmentOut, DocTypeOut, IsoDateTime, ObjectId, TopicOut
from gongkai.api.selectors import department_list, doc_type_list, topic_list
from gongkai.core.models import Department, DepartmentKind
from gongkai.core.pagecache import list_tag, public_page
from gongkai.documents.models import DocumentKind, Topic

router = Router(tags=["directory 部门与分类"])


class DepartmentParams(Schema):
    kind: Literal[tuple(DepartmentKind.values)] | None = Field(  # type: ignore[valid-type]
        None, description="类别 kind"
    )
    modified_since: IsoDateTime | None = Field(
        None, description="此时刻以后更新的 updated at or after"
    )
    format: ListFormat = "json"


class TopicParams(Schema):
    parent: ObjectId | None = Field(
        None, description="只列出该分类的下级 children of this topic only"
    )
    format: ListFormat = "json"


class FormatParam(Schema):
    format: ListFormat = "json"


@router.get("/departments", response=Page[DepartmentOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(Department)))
def list_departments(
    request: HttpRequest, params: Query[DepartmentParams], paging: Query[PageParams]
):
    """部门: the bodies that draft and issue documents."""
    departments = department_list(kind=params.kind, modified_since=params.modified_since)
    if params.format == "csv":
        columns = [
            ("id", lambda d: d.pk),
            ("名称 name", lambda d: d.name),
            ("英文名称 English name", lambda d: d.name_en),
            ("简称 short name", lambda d: d.short_name),
            ("机构代码 code", lambda d: d.code),
            ("类别 kind", lambda d: d.get_kind_display()),
            ("上级 parent id", lambda d: d.parent_id),
            ("更新时间 updated at", lambda d: d.updated_at),
        ]
        return csv_response("部门.csv", columns, departments.iterator())
    return paginate(request, departments, paging)


@router.get("/topics", response=Page[TopicOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(Topic)))
def list_topics(request: HttpRequest, params: Query[TopicParams], paging: Query[PageParams]):
    """主题分类: a flat list; ``parent_id`` and ``path`` give the tree."""
    topics = topic_list(parent=params.parent)
    if params.format == "csv":
        columns = [
            ("id", lambda t: t.pk),
            ("名称 name", lambda t: t.name),
            ("英文名称 English name", lambda t: t.name_en),
            ("标识 slug", lambda t: t.slug),
            ("上级 parent id", lambda t: t.parent_id),
            ("路径 path", lambda t: " / ".join(t.path)),
        ]
        return csv_response("主题分类.csv", columns, topics)
    return paginate(request, topics, paging)


@router.get("/doc-types", response=Page[DocTypeOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(DocumentKind)))
def list_doc_types(request: HttpRequest, params: Query[FormatParam], paging: Query[PageParams]):
    """公文种类: the values of the documents' ``doc_type`` filter."""
    kinds = doc_type_list()
    if params.format == "csv":
        columns = [
            ("id", lambda k: k.pk),
            ("名称 name", lambda k: k.name),
            ("英文名称 English name", lambda k: k.name_en),
        ]
        return csv_response("公文种类.csv", columns, kinds.iterator())
    return paginate(request, kinds, paging)
