"""Public documents (政策文件): list, search, withdrawn list and detail."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.responses import Status

from gongkai.api.csv_export import csv_response
from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.pagination import MAX_LIMIT, Page, PageParams, paginate
from gongkai.api.schemas import (
    Detail,
    DocumentDetailOut,
    DocumentOut,
    IsoDateTime,
    ObjectId,
    SearchOut,
    WithdrawnNotice,
    WithdrawnOut,
)
from gongkai.api.selectors import (
    LIST_SEARCH_LIMIT,
    DocumentFilters,
    document_list,
    labelled_facets,
    search_documents,
    search_query,
    withdrawn_documents,
)
from gongkai.core.addresses import client_address
from gongkai.core.pagecache import list_tag, public_page, tag
from gongkai.documents.models import Document
from gongkai.documents.pagetags import DOCUMENT_LISTS, document_detail_tags
from gongkai.documents.selectors import public_document_detail
from gongkai.search.limits import SEARCHES
from gongkai.search.query import MAX_RESULT_WINDOW

router = Router(tags=["documents 政策文件"])

CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "JSON；format=csv 时为 CSV 文件（UTF-8 带 BOM）。JSON, or with "
            "format=csv a CSV file (UTF-8 with BOM, opens in Excel)",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}
ListFormat = Literal["json", "csv"]
ValidityCode = Literal["in_force", "amended", "repealed", "expired"]


class SearchFilters(Schema):
    department: ObjectId | None = Field(
        None, description="部门 id（起草部门或发文机关）department id"
    )
    year: int | None = Field(None, ge=1900, le=2100, description="发布年份 year published")
    doc_type: ObjectId | None = Field(None, description="公文种类 id（见 /api/doc-types）")
    topic: ObjectId | None = Field(
        None, description="主题分类 id，含下级分类 topic id, sub-topics included"
    )
    validity: ValidityCode | None = Field(None, description="有效性 validity")

    def filters(self, **more) -> DocumentFilters:
        return DocumentFilters(
            department=self.department,
            year=self.year,
            doc_type=self.doc_type,
            topic=self.topic,
            validity=self.validity,
            **more,
        )


class DocumentListParams(SearchFilters):
    q: str = Field(
        "",
        description=f"检索词：只保留最相关的前 {LIST_SEARCH_LIMIT} 条（高亮与分面见 /api/documents/search）"
        f" search words: the best {LIST_SEARCH_LIMIT} matches only",
    )
    modified_since: IsoDateTime | None = Field(
        None,
        description="只列出此时刻（ISO 8601）以后更新的文件 updated at or after (incremental sync)",
    )
    ordering: (
        Literal["-published_on", "published_on", "-updated_at", "updated_at", "relevance"] | None
    ) = Field(
        None,
        description="排序；默认按发布日期倒序，有 q 时按相关度 default newest, relevance with q",
    )
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class SearchParams(SearchFilters):
    q: str = Field("", description="检索词；可为发文字号（任意括号写法）words or a document number")
    sort: Literal["relevance", "newest", "oldest"] = "relevance"
    page: int = Field(1, ge=1, le=MAX_RESULT_WINDOW)
    limit: int = Field(20, ge=1, le=MAX_LIMIT)


class WithdrawnParams(Schema):
    modified_since: IsoDateTime | None = Field(
        None, description="此时刻以后撤回的 withdrawn at or after"
    )
    format: ListFormat = "json"


def too_many_searches(request: HttpRequest, response: HttpResponse) -> Status | None:
    """429 in the client's language (Accept-Language) once its address has searched too often."""
    if SEARCHES.hit(client_address(request)):
        return None
    response["Retry-After"] = str(SEARCHES.window)
    with translation.override(translation.get_language_from_request(request)):
        detail = _("检索过于频繁，请在 %(minutes)d 分钟后再试。") % {
            "minutes": SEARCHES.window_minutes
        }
    return Status(429, {"detail": detail})


@router.get(
    "/documents",
    response={200: Page[DocumentOut], 429: Detail},
    openapi_extra=CSV_RESPONSE,
)
@decorate_view(public_page(*DOCUMENT_LISTS))
def list_documents(
    request: HttpRequest,
    response: HttpResponse,
    params: Query[DocumentListParams],
    paging: Query[PageParams],
):
    """政策文件列表: public documents with the portal's filters, paged or as CSV."""
    if params.q and (limited := too_many_searches(request, response)):
        return limited
    filters = params.filters(
        q=params.q, modified_since=params.modified_since, ordering=params.ordering
    )
    documents = document_list(filters)
    if params.format == "csv":
        rows = documents.iterator(chunk_size=500)
        return csv_response("政策文件.csv", document_columns(request), rows)
    return paginate(request, documents, paging)


@router.get("/documents/search", response={200: SearchOut, 429: Detail})
def search(request: HttpRequest, response: HttpResponse, params: Query[SearchParams]):
    """全文检索: hits with highlighted title and snippet, and facet counts for the filters."""
    if limited := too_many_searches(request, response):
        return limited
    query = search_query(
        params.filters(q=params.q), sort=params.sort, page=params.page, page_size=params.limit
    )
    results, documents = search_documents(query)
    total = results.total if results else 0
    hits = [
        {
            "id": hit.id,
            "score": hit.score,
            "title_html": hit.title_html,
            "snippet_html": hit.snippet_html,
            "document": documents[hit.id],
        }
        for hit in (results.hits if results else [])
        if hit.id in documents
    ]
    page = results.page if results else params.page
    return {
        "total": total,
        "page": page,
        "limit": params.limit,
        "next": _search_page_url(request, page + 1) if page * params.limit < total else None,
        "previous": _search_page_url(request, page - 1) if page > 1 else None,
        "items": hits,
        "facets": labelled_facets(results.facets if results else {}),
    }


def _search_page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@router.get("/documents/withdrawn", response=Page[WithdrawnOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(Document)))
def list_withdrawn(request: HttpRequest, params: Query[WithdrawnParams], paging: Query[PageParams]):
    """已撤回的文件: for clients that sync with modified_since and must remove these."""
    documents = withdrawn_documents(params.modified_since)
    if params.format == "csv":
        columns = [
            ("id", lambda d: d.pk),
            ("标题 title", lambda d: d.title),
            ("发文字号 document number", lambda d: d.doc_number),
            ("撤回时间 withdrawn at", lambda d: d.withdrawn_at),
            ("撤回理由 reason", lambda d: d.withdrawal_reason),
        ]
        return csv_response("已撤回文件.csv", columns, documents.iterator(chunk_size=500))
    return paginate(request, documents, paging)


@router.get(
    "/documents/{id}",
    response={200: DocumentDetailOut, 404: Detail, 410: WithdrawnNotice},
)
@decorate_view(public_page())
def get_document(request: HttpRequest, id: Path[ObjectId]):
    """文件详情: metadata, body, attachments, interpretations, relations both ways.
    A withdrawn document answers 410 with its withdrawal notice."""
    document = public_document_detail(id)
    if document is None:
        raise ApiError(404, *NOT_FOUND)
    tag(request, *document_detail_tags(document))
    if not document.is_public:
        raise ApiError(
            410,
            "该文件已撤回",
            "This document has been withdrawn",
            withdrawn=WithdrawnOut.model_validate(document).model_dump(mode="json"),
        )
    return document


def document_columns(request: HttpRequest):
    def url(document) -> str:
        return request.build_absolute_uri(document.get_absolute_url())

    return [
        ("id", lambda d: d.pk),
        ("标题 title", lambda d: d.title),
        ("发文字号 document number", lambda d: d.doc_number),
        ("索引号 index number", lambda d: d.index_number),
        ("发文机关 issuing bodies", lambda d: [issuer.name for issuer in d.issuers.all()]),
        ("起草部门 drafting department", lambda d: d.department.name),
        ("公文种类 document kind", lambda d: d.doc_type.name),
        ("主题分类 topics", lambda d: [topic.name for topic in d.topics.all()]),
        ("成文日期 date written", lambda d: d.written_on),
        ("发布日期 date published", lambda d: d.published_on),
        ("施行日期 effective from", lambda d: d.effective_on),
        ("有效性 validity", lambda d: d.get_validity_display()),
        ("适用地区 region", lambda d: d.region),
        ("关键词 keywords", lambda d: d.keyword_list),
        ("来源 source", lambda d: d.source),
        ("内容概述 summary", lambda d: d.summary),
        ("更新时间 updated at", lambda d: d.updated_at),
        ("网址 URL", url),
    ]
