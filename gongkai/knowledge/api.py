"""政策问答 in the public API, read by the 12345 hotline's system as by anyone: the list (with
search by words and filters) and an entry. The same entries, search and page cache as the
portal's /interaction/answers/.

Mounted by gongkai/api/api.py (``api.add_router("", "gongkai.knowledge.api.router")``).
"""

from datetime import date, datetime

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view

from gongkai.api.csv_export import csv_response
from gongkai.api.documents import CSV_RESPONSE, ListFormat
from gongkai.api.errors import NOT_FOUND, ApiError
from gongkai.api.pagination import Page, PageParams, paginate
from gongkai.api.schemas import Detail, DocumentRef, IsoDateTime, ObjectId, Ref, absolute
from gongkai.core.models import Department
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag
from gongkai.documents.models import Topic
from gongkai.knowledge import selectors
from gongkai.knowledge.models import PolicyAnswer

router = Router(tags=["answers 政策问答"])


class AnswerListParams(Schema):
    q: str | None = Field(
        None, max_length=200, description="问题或答复中的词语（全部须出现）words, all required"
    )
    topic: str | None = Field(None, max_length=60, description="主题分类标识 topic slug")
    department: ObjectId | None = Field(None, description="答复部门 id")
    modified_since: IsoDateTime | None = Field(
        None, description="此时刻以后更新的 updated at or after"
    )
    format: ListFormat = Field("json", description="csv: 下载全部结果 download every match as CSV")


class BasisDocumentOut(DocumentRef):
    validity: str = Field(description="有效性: in_force, amended, repealed, expired")


class AnswerOut(Schema):
    """A public entry of the 政策问答库."""

    id: int
    question: str = Field(description="问题")
    answer: str = Field(description="答复")
    department: Ref = Field(description="答复部门")
    topics: list[Ref] = Field(description="主题分类")
    documents: list[BasisDocumentOut] = Field(description="依据文件（公开的）public documents")
    validity: str = Field(
        description="有效性: effective, needs_review（待复核：依据文件已废止或失效）"
    )
    validity_label: str
    published_on: date | None = Field(description="发布日期")
    updated_at: datetime
    url: str = Field(description="门户网页 portal page")

    @staticmethod
    def resolve_documents(obj) -> list:
        return [document for document in obj.documents.all() if document.is_public]

    @staticmethod
    def resolve_topics(obj) -> list:
        return list(obj.topics.all())

    @staticmethod
    def resolve_validity_label(obj) -> str:
        return str(obj.get_validity_display())

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


@router.get("/answers", response=Page[AnswerOut], openapi_extra=CSV_RESPONSE)
@decorate_view(public_page(list_tag(PolicyAnswer), list_tag(Topic), list_tag(Department)))
def list_answers(request: HttpRequest, params: Query[AnswerListParams], paging: Query[PageParams]):
    """政策问答列表: published entries, the newest first, or the most relevant first with ``q``."""
    answers, _terms = selectors.search_answers(
        params.q, topic=params.topic, department=params.department,
        modified_since=params.modified_since,
    )  # fmt: skip
    if params.format == "csv":
        return csv_response("政策问答.csv", answer_columns(request), answers)
    page = paginate(request, answers, paging)
    tag(request, *(obj_tag(d) for answer in page["items"] for d in answer.documents.all()))
    return page


@router.get("/answers/{id}", response={200: AnswerOut, 404: Detail})
@decorate_view(public_page(list_tag(Topic), list_tag(Department)))
def get_answer(request: HttpRequest, id: Path[ObjectId]):
    """政策问答详情, with the documents it rests on."""
    answer = selectors.public_answer(id)
    if answer is None:
        raise ApiError(404, *NOT_FOUND)
    tag(request, obj_tag(answer), *(obj_tag(document) for document in answer.documents.all()))
    return answer


def answer_columns(request: HttpRequest):
    return [
        ("id", lambda a: a.pk),
        ("问题 question", lambda a: a.question),
        ("答复 answer", lambda a: a.answer),
        ("答复部门 department", lambda a: a.department.name),
        ("主题分类 topics", lambda a: [t.name for t in a.topics.all()]),
        ("依据文件 documents", lambda a: [d.title for d in a.documents.all() if d.is_public]),
        ("有效性 validity", lambda a: a.get_validity_display()),
        ("发布日期 date published", lambda a: a.published_on),
        ("更新时间 updated at", lambda a: a.updated_at),
        ("网址 URL", lambda a: request.build_absolute_uri(a.get_absolute_url())),
    ]
