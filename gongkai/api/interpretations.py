"""Public interpretations (政策解读): list and detail."""

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from gongkai.api.csv_export import csv_response
from gongkai.api.documents import CSV_RESPONSE, ListFormat
from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.pagination import Page, PageParams, paginate
from gongkai.api.schemas import (
    Detail,
    InterpretationDetailOut,
    InterpretationOut,
    IsoDateTime,
    ObjectId,
)
from gongkai.api.selectors import InterpretationFilters, interpretation_detail, interpretation_list
from gongkai.core.pagecache import obj_tag, public_page, tag
from gongkai.documents.models import Document, InterpreterKind
from gongkai.documents.pagetags import INTERPRETATION_LISTS

router = Router(tags=["interpretations 政策解读"])


class InterpretationListParams(Schema):
    department: ObjectId | None = Field(None, description="解读部门 id")
    document: ObjectId | None = Field(None, description="解读的文件 id")
    interpreter_kind: Literal[tuple(InterpreterKind.values)] | None = Field(  # type: ignore[valid-type]
        None, description="解读主体 interpreter kind"
    )
    modified_since: IsoDateTime | None = Field(
        None, description="此时刻以后更新的 updated at or after"
    )
    ordering: Literal["-published_on", "published_on", "-updated_at", "updated_at"] | None = None
    format: ListFormat = "json"

    def filters(self) -> InterpretationFilters:
        return InterpretationFilters(
            department=self.department,
            document=self.document,
            interpreter_kind=self.interpreter_kind,
            modified_since=self.modified_since,
            ordering=self.ordering,
        )


@router.get("/interpretations", response=Page[InterpretationOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(*INTERPRETATION_LISTS))
def list_interpretations(
    request: HttpRequest, params: Query[InterpretationListParams], paging: Query[PageParams]
):
    """政策解读列表: interpretations of public documents, paged or as CSV."""
    interpretations = interpretation_list(params.filters())
    if params.format == "csv":
        return csv_response(
            "政策解读.csv",
            interpretation_columns(request),
            interpretations.iterator(chunk_size=500),
        )
    return paginate(request, interpretations, paging)


@router.get("/interpretations/{id}", response={200: InterpretationDetailOut, 404: Detail})
@decorate_view(public_page())
def get_interpretation(request: HttpRequest, id: Path[ObjectId]):
    """解读详情, with the content of each form."""
    interpretation = interpretation_detail(id)
    if interpretation is None:
        raise ApiError(404, *NOT_FOUND)
    documents = interpretation.documents.values_list("pk", flat=True)
    tag(request, obj_tag(interpretation), obj_tag(interpretation.department))
    tag(request, *(obj_tag(Document, pk) for pk in documents))
    return interpretation


def interpretation_columns(request: HttpRequest):
    return [
        ("id", lambda i: i.pk),
        ("标题 title", lambda i: i.title),
        ("解读部门 department", lambda i: i.department.name),
        ("解读主体 interpreter", lambda i: i.get_interpreter_kind_display()),
        ("解读人 interpreter name", lambda i: i.interpreter_name),
        ("解读形式 forms", lambda i: sorted({f.get_kind_display() for f in i.forms.all()})),
        ("解读的文件 documents", lambda i: [d.title for d in i.documents.all()]),
        ("发布日期 date published", lambda i: i.published_on),
        ("摘要 summary", lambda i: i.summary),
        ("更新时间 updated at", lambda i: i.updated_at),
        ("网址 URL", lambda i: request.build_absolute_uri(i.get_absolute_url())),
    ]
