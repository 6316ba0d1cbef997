"""What the public API answers. Field names are English (GLOSSARY.md); labels are Chinese."""

import re
from datetime import UTC, date, datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError
from wagtail.rich_text import expand_db_html

from gongkai.api.selectors import document_interpretations, document_relations
from gongkai.documents.models import Validity
from gongkai.documents.selectors import listed_attachments

# Ids in parameters: positive and within a 64-bit column, so that no database errs on them.
MAX_ID = 2**63 - 1
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]

_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")


def _written_out(error_type: str, message: str):
    """Refuse a number where a date is expected: pydantic would read it as a Unix time, which
    the schema (format date or date-time) does not offer and no client means."""

    def check(value):
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if numeric or (isinstance(value, str) and _NUMBER.fullmatch(value)):
            raise PydanticCustomError(error_type, message)
        return value

    return BeforeValidator(check)


IsoDate = Annotated[date, _written_out("date_parsing", "Input should be a date as YYYY-MM-DD")]


def _in_utc(moment: datetime) -> datetime:
    """The moment in UTC (a naive one read in the site's time zone): databases refuse some
    offsets ISO 8601 allows (PostgreSQL stops at ±15:59), and UTC is what they store."""
    try:
        aware = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
        return aware.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError("datetime_range", "Input is out of range") from None


IsoDateTime = Annotated[
    datetime,
    _written_out("datetime_parsing", "Input should be an ISO 8601 date-time"),
    AfterValidator(_in_utc),
]


def absolute(context, path: str) -> str:
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(path)


def file_url(context, field) -> str | None:
    return absolute(context, field.url) if field else None


class Record(BaseModel):
    """A small nested value without resolvers, read by pydantic itself from an object's
    attributes or a dict. ninja's Schema reads each field through a Python getter: for the
    departments, kinds and facet values of a page of search hits that was a third of the
    API's serialisation (issue 7)."""

    model_config = ConfigDict(from_attributes=True)


class Ref(Record):
    id: int
    name: str


class DocTypeOut(Record):
    id: int
    name: str = Field(description="公文种类 document kind")
    name_en: str


class DocumentRef(Schema):
    id: int
    title: str
    doc_number: str
    url: str = Field(description="门户网页 portal page")

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


class DocumentOut(Schema):
    """A public document as listed."""

    id: int
    title: str
    title_en: str
    doc_number: str = Field(description="发文字号")
    index_number: str | None = Field(description="索引号")
    department: Ref = Field(description="起草部门 drafting department")
    issuers: list[Ref] = Field(description="发文机关 issuing bodies")
    doc_type: DocTypeOut = Field(description="公文种类")
    topics: list[Ref] = Field(description="主题分类")
    written_on: date | None = Field(description="成文日期")
    published_on: date | None = Field(description="发布日期")
    effective_on: date | None = Field(description="施行日期")
    validity: str = Field(description="有效性: in_force, amended, repealed, expired")
    validity_label: str
    region: str = Field(description="适用地区")
    keywords: list[str]
    summary: str = Field(description="内容概述")
    source: str = Field(description="来源")
    updated_at: datetime
    url: str = Field(description="门户网页 portal page")

    @staticmethod
    def resolve_keywords(obj) -> list[str]:
        return obj.keyword_list

    @staticmethod
    def resolve_validity_label(obj) -> str:
        # This value's label alone: get_validity_display() hashes, so translates, every
        # choice's label (an eighth of a search request's time in its profile, issue 7).
        return str(Validity(obj.validity).label)

    @staticmethod
    def resolve_url(obj, context) -> str:
        # A Document or a search hit's ListedDocument.
        return absolute(context, obj.get_absolute_url())


class AttachmentOut(Schema):
    id: int
    title: str
    kind: str
    size: int
    url: str | None

    @staticmethod
    def resolve_url(obj, context) -> str | None:
        return file_url(context, obj.file)


class ListedAttachmentOut(Schema):
    """附件N as the document lists it, and the file that supplies it if there is one."""

    number: int = Field(description="附件编号 N of 附件N")
    name: str = Field(description="正文所列附件名称 the name the text lists")
    attached: bool = Field(
        description="文件是否已附上 whether its file is attached (false: 附件未随文件导入)"
    )
    attachment_id: int | None = Field(description="所附文件（见 attachments）the attachment's id")
    url: str | None = Field(description="下载地址 download URL")

    @staticmethod
    def resolve_attached(obj) -> bool:
        return obj.attachment is not None

    @staticmethod
    def resolve_attachment_id(obj) -> int | None:
        return obj.attachment.pk if obj.attachment else None

    @staticmethod
    def resolve_url(obj, context) -> str | None:
        return file_url(context, obj.attachment.file) if obj.attachment else None


class InterpretationRef(Schema):
    id: int
    title: str
    interpreter_kind: str
    interpreter_kind_label: str
    published_on: date | None
    form_kinds: list[str] = Field(
        description="解读形式 forms: text, chart, audio, video, animation"
    )
    url: str

    @staticmethod
    def resolve_interpreter_kind_label(obj) -> str:
        return str(obj.get_interpreter_kind_display())

    @staticmethod
    def resolve_form_kinds(obj) -> list[str]:
        return sorted({form.kind for form in obj.forms.all()})

    @staticmethod
    def resolve_url(obj, context) -> str:
        return absolute(context, obj.get_absolute_url())


class RelationOut(Schema):
    direction: str = Field(description="outgoing: 本文件依据/修订/废止对方; incoming: 反之")
    kind: str = Field(description="based_on, amends, repeals")
    label: str = Field(description="依据、修订、废止；被依据、被修订、被废止")
    document: DocumentRef


class DocumentDetailOut(DocumentOut):
    """A public document with everything its portal page shows."""

    recipients: str = Field(description="主送机关")
    validity_changed_on: date | None
    expires_on: date | None
    view_count: int = Field(description="浏览量")
    summary_en: str
    body_html: str = Field(description="正文 body (HTML)")
    body_en_html: str
    attachments: list[AttachmentOut]
    listed_attachments: list[ListedAttachmentOut] = Field(
        description="正文所列附件，依次为附件1、附件2…… the attachments the text lists, in order"
    )
    interpretations: list[InterpretationRef]
    relations: list[RelationOut]

    @staticmethod
    def resolve_listed_attachments(obj) -> list:
        return listed_attachments(obj, obj.attachments.all())[0]

    @staticmethod
    def resolve_body_html(obj) -> str:
        return expand_db_html(obj.body or "")

    @staticmethod
    def resolve_interpretations(obj) -> list:
        return document_interpretations(obj)

    @staticmethod
    def resolve_relations(obj) -> list[dict]:
        return [
            {
                "direction": direction,
                "kind": relation.kind,
                "label": str(
                    relation.get_kind_display()
                    if direction == "outgoing"
                    else relation.reverse_label
                ),
                "document": other,
            }
            for direction, relation, other in document_relations(obj)
        ]

    @staticmethod
    def resolve_body_en_html(obj) -> str:
        return expand_db_html(obj.body_en or "")


class WithdrawnOut(Schema):
    """撤回的文件: what the portal's withdrawal notice shows."""

    id: int
    title: str
    doc_number: str
    withdrawn_at: datetime
    withdrawal_reason: str


class WithdrawnNotice(Schema):
    detail: str
    withdrawn: WithdrawnOut


class FacetValue(Record):
    value: str = Field(description="作为筛选参数的取值 the value to filter by")
    label: str
    count: int


class SearchHitOut(Schema):
    id: int
    score: float
    title_html: str = Field(description="标题，命中词以 <mark> 标出 title, matches in <mark>")
    snippet_html: str = Field(description="摘要片段 snippet, matches in <mark>")
    document: DocumentOut


class SearchOut(Schema):
    total: int
    page: int
    limit: int
    next: str | None
    previous: str | None
    items: list[SearchHitOut]
    facets: dict[str, list[FacetValue]] = Field(
        description="分面统计 facet counts: department, year, doc_type, topic, validity"
    )


class InterpretationFormOut(Schema):
    kind: str
    kind_label: str
    text_html: str
    file_url: str | None
    caption: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_text_html(obj) -> str:
        return expand_db_html(obj.text or "")

    @staticmethod
    def resolve_file_url(obj, context) -> str | None:
        return file_url(context, obj.file)


class InterpretationOut(InterpretationRef):
    """A public interpretation (政策解读) as listed."""

    title_en: str
    department: Ref = Field(description="解读部门")
    interpreter_name: str
    summary: str
    updated_at: datetime
    documents: list[DocumentRef] = Field(description="解读的文件（公开的）public documents")


class InterpretationDetailOut(InterpretationOut):
    forms: list[InterpretationFormOut] = Field(description="各解读形式的内容 each form's content")


class DepartmentOut(Schema):
    id: int
    name: str
    name_en: str
    short_name: str
    code: str
    kind: str
    kind_label: str = Field(description="区属部门、垂直管理部门、园区办、直属企事业单位、其他")
    parent_id: int | None
    updated_at: datetime

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())


class TopicOut(Schema):
    id: int
    name: str
    name_en: str
    slug: str
    parent_id: int | None
    path: list[str] = Field(description="从顶层到本分类的名称 names from the root down")


class Detail(Schema):
    """Every error: a Chinese and an English sentence."""

    detail: str = Field(description="中文 / English")


class InvalidField(Schema):
    location: str = Field(description="query, path, body, header… (empty when not known)")
    field: str
    type: str = Field(description="pydantic 的错误类型 the validation error's type")
    message_zh: str
    message_en: str


class InvalidInput(Detail):
    """422: a parameter or the body does not match the operation's schema."""

    errors: list[InvalidField]


class Refusal(Detail):
    """422: well-formed input that a rule refuses; ``code`` names the rule."""

    code: str


class Problem(Schema):
    field: str
    code: str
    message_zh: str
    message_en: str


class RequestRefusal(Refusal):
    """422: a disclosure request's data refused by the register's rules, field by field."""

    errors: list[Problem]
