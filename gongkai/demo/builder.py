"""Builds the demo library through the paths staff use: documents and interpretations are
published through the sign-off workflow (so the audit log, sign-off records and indexing run),
withdrawn and re-dated by the documents services, and drafts are submitted to the sign-off
workflow."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date
from html import escape

from django.core.files.base import ContentFile
from wagtail.models import Workflow

from gongkai.core.models import Department
from gongkai.core.roles import Role
from gongkai.demo.charts import points_chart
from gongkai.demo.library import (
    AWAITING_HEAD,
    AWAITING_SIGN_OFF,
    DRAFT,
    WITHDRAWN,
    DocSpec,
)
from gongkai.demo.organisation import ZONE
from gongkai.documents import services
from gongkai.documents.extraction.metadata import enclosed_title
from gongkai.documents.models import (
    Document,
    DocumentAttachment,
    DocumentKind,
    DocumentRelation,
    Interpretation,
    InterpretationForm,
    InterpretationFormKind,
    InterpreterKind,
    Topic,
    Validity,
)
from gongkai.documents.publication import sign_off_through

REGION = "贵州省贵阳市高新区"
NUMERALS = "一二三四五六七八九十"

INTERPRETATION_TITLES = {
    InterpreterKind.DRAFTING_HEAD: "《{title}》解读",
    InterpreterKind.EXPERT: "专家解读《{title}》",
    InterpreterKind.QA: "《{title}》政策问答",
    InterpreterKind.ONLINE_INTERVIEW: "在线访谈：{department}负责人解读《{title}》",
    InterpreterKind.MEDIA_INTERVIEW: "{department}负责人就《{title}》答记者问",
    InterpreterKind.PRESS_CONFERENCE: "《{title}》新闻发布会实录",
}
INTERPRETER_NAMES = {
    InterpreterKind.DRAFTING_HEAD: "{department}主要负责人",
    InterpreterKind.EXPERT: "高新区政策咨询专家组",
    InterpreterKind.QA: "{department}",
    InterpreterKind.ONLINE_INTERVIEW: "{department}负责人",
    InterpreterKind.MEDIA_INTERVIEW: "{department}负责人",
    InterpreterKind.PRESS_CONFERENCE: "管委会新闻办公室",
}


@dataclass
class LibraryBuilder:
    departments: dict[str, Department]
    kinds: dict[str, DocumentKind]
    topics: dict[str, Topic]
    users: dict[str, object]
    documents: dict[str, Document] = field(default_factory=dict)
    created: int = 0

    def add(self, spec: DocSpec) -> Document:
        """Create the document of ``spec`` and take it to its state, unless it exists."""
        existing = Document.objects.filter(title=spec.title).first()
        if existing:
            self.documents[spec.key] = existing
            return existing
        document = self._create(spec)
        if spec.state == DRAFT:
            document.save_revision(user=self._author(spec))
        elif spec.state == AWAITING_HEAD:
            self._interpretation(spec, document, publish=False)
            self._submit(spec, document)
        elif spec.state == AWAITING_SIGN_OFF:
            self._interpretation(spec, document, publish=True)
            self._submit(spec, document, head_approves=True)
        else:
            self._interpretation(spec, document, publish=True)
            self._publish(document, spec)
            self._after_publication(spec, document)
        self.documents[spec.key] = document
        self.created += 1
        return document

    # --- documents ---------------------------------------------------------------------

    def _author(self, spec: DocSpec):
        """The department's editor where the demo has one, otherwise the administrator."""
        editor = self.users[Role.EDITOR]
        if editor.staff_profile.department.code == spec.department:
            return editor
        return self.users[Role.ADMIN]

    def _head(self, spec: DocSpec):
        """The department's head where the demo has one, otherwise the administrator."""
        head = self.users[Role.HEAD]
        if head.staff_profile.department.code == spec.department:
            return head
        return self.users[Role.ADMIN]

    def _create(self, spec: DocSpec) -> Document:
        department = self.departments[spec.department]
        document = Document(
            title=spec.title,
            doc_number=spec.number,
            department=department,
            recipients=spec.recipients,
            written_on=date.fromisoformat(spec.written),
            published_on=date.fromisoformat(spec.published) if spec.published else None,
            effective_on=date.fromisoformat(spec.effective) if spec.effective else None,
            doc_type=self.kinds[spec.kind],
            disclosure=spec.disclosure,
            region=REGION,
            keywords=spec.keywords,
            summary=spec.summary or _first_sentence(spec.intro),
            body=spec.body_html or document_body(spec, department),
            source=spec.source or f"{ZONE}{department.name}",
            live=False,
        )
        if spec.english:
            document.title_en, document.summary_en = spec.english
        document.issuers = [self.departments[code] for code in spec.issuers or (spec.department,)]
        document.topics = [self.topics[slug] for slug in spec.topics]
        document.relations = [
            DocumentRelation(kind=kind, target=self.documents[key])
            for kind, key in spec.relations
            if key in self.documents  # the seed document may be absent
        ]
        if spec.attachment:
            document.attachments = [form_attachment(spec.attachment)]
        document.full_clean()
        document.save()
        services.document_created(document=document, user=self._author(spec))
        return document

    def _publish(self, obj, spec: DocSpec) -> None:
        """Take the content through the sign-off workflow: the author submits, the department's
        head approves, the office reviewer signs off and it goes live."""
        sign_off_through(
            obj,
            submitter=self._author(spec),
            head=self._head(spec),
            reviewer=self.users[Role.REVIEWER],
            override_reason="演示数据，已核实。",
        )
        views = random.Random(spec.key).randint(60, 3000)
        if isinstance(obj, Interpretation):
            views //= 2
        type(obj).objects.filter(pk=obj.pk).update(view_count=views)

    def _after_publication(self, spec: DocSpec, document: Document) -> None:
        reviewer = self.users[Role.REVIEWER]
        document.refresh_from_db()
        if spec.expired:
            services.document_change_validity(
                document=document,
                user=reviewer,
                validity=Validity.EXPIRED,
                on=date.fromisoformat(spec.expired),
                reason="年度工作要点执行期满。The year's work plan has run its course.",
            )
        if spec.state == WITHDRAWN:
            services.document_withdraw(
                document=document, user=reviewer, reason=spec.withdrawal_reason
            )

    def _submit(self, spec: DocSpec, document: Document, *, head_approves: bool = False) -> None:
        """Submit the draft to the sign-off workflow, as the editor does from the editor page."""
        editor = self._author(spec)
        document.save_revision(user=editor)
        workflow: Workflow = document.get_workflow()
        state = workflow.start(document, editor)
        if head_approves:
            task_state = state.current_task_state
            task_state.task.specific.on_action(task_state, self.users[Role.HEAD], "approve")

    # --- interpretations ---------------------------------------------------------------

    def _interpretation(self, spec: DocSpec, document: Document, *, publish: bool) -> None:
        if not document.doc_type.needs_interpretation:
            return
        department = document.department
        subject = enclosed_title(spec.title) or spec.title
        names = {"title": subject, "department": department.name}
        interpretation = Interpretation(
            title=INTERPRETATION_TITLES[spec.interpreter].format(**names),
            department=department,
            interpreter_kind=spec.interpreter,
            interpreter_name=INTERPRETER_NAMES[spec.interpreter].format(**names),
            summary=f"{department.name}对《{subject}》的制定背景、主要内容等作出解读。",
            published_on=document.published_on,
            live=False,
        )
        interpretation.documents = [document]
        interpretation.forms = interpretation_forms(spec, subject, department)
        interpretation.full_clean()
        interpretation.save()
        if publish:
            self._publish(interpretation, spec)
        else:
            interpretation.save_revision(user=self._author(spec))


def document_body(spec: DocSpec, department: Department) -> str:
    """The body: introduction, numbered points with their heading in bold, closing,
    issuer and date."""
    paragraphs = [f"<p>{escape(spec.intro)}</p>"]
    for numeral, point in zip(NUMERALS, spec.points, strict=False):
        heading, detail = _split_point(point)
        paragraphs.append(f"<p><b>{numeral}、{escape(heading)}。</b>{escape(detail)}</p>")
    paragraphs.append(f"<p>{escape(spec.closing)}</p>")
    written = date.fromisoformat(spec.written)
    paragraphs.append(f"<p>{ZONE}{escape(department.name)}</p>")
    paragraphs.append(f"<p>{written.year}年{written.month}月{written.day}日</p>")
    return "".join(paragraphs)


def interpretation_forms(
    spec: DocSpec, subject: str, department: Department
) -> list[InterpretationForm]:
    """A text interpretation, and for most documents a 图解 of the same points."""
    forms = [
        InterpretationForm(
            kind=InterpretationFormKind.TEXT, text=interpretation_text(spec, subject)
        )
    ]
    if spec.forms >= 2:
        headings = [_split_point(point)[0] for point in spec.points]
        png = points_chart(f"图解：{subject}", list(spec.points), f"{ZONE}{department.name}")
        forms.append(
            InterpretationForm(
                kind=InterpretationFormKind.CHART,
                file=ContentFile(png, name=f"tujie-{spec.key}.png"),
                caption=f"图解《{subject}》要点：{'；'.join(headings)}。"[:300],
            )
        )
    return forms


def interpretation_text(spec: DocSpec, subject: str) -> str:
    if spec.interpreter == InterpreterKind.QA:
        pairs = [(f"为什么制定《{subject}》？", spec.intro)]
        pairs += [
            (f"关于“{_split_point(p)[0]}”，具体有哪些规定？", _split_point(p)[1] or p)
            for p in spec.points
        ]
        return "".join(f"<p><b>问：{escape(q)}</b></p><p>答：{escape(a)}</p>" for q, a in pairs)
    items = "".join(
        f"<p>（{numeral}）{escape(point)}</p>"
        for numeral, point in zip(NUMERALS, spec.points, strict=False)
    )
    parts = [
        f"<h3>一、制定背景</h3><p>{escape(spec.intro)}</p>",
        f"<h3>二、主要内容</h3>{items}",
    ]
    if spec.closing:
        parts.append(f"<h3>三、其他事项</h3><p>{escape(spec.closing)}</p>")
    return "".join(parts)


def form_attachment(title: str) -> DocumentAttachment:
    """A fill-in form as a .docx attachment, with its text kept for search and checks."""
    from docx import Document as WordDocument

    rows = ("企业名称", "统一社会信用代码", "注册地址", "联系人", "联系电话", "申报内容摘要")
    word = WordDocument()
    word.add_heading(title, level=1)
    table = word.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, label in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
    word.add_paragraph("申报单位（盖章）：            日期：    年  月  日")
    buffer = io.BytesIO()
    word.save(buffer)
    data = buffer.getvalue()
    return DocumentAttachment(
        title=title,
        file=ContentFile(data, name="shenbaobiao.docx"),
        kind="docx",
        size=len(data),
        text="\n".join([title, *rows]),
    )


def _split_point(point: str) -> tuple[str, str]:
    """A point's heading (the text before its first 。) and its detail."""
    heading, _, detail = point.partition("。")
    return heading, detail


def _first_sentence(text: str) -> str:
    head, mark, _ = text.partition("。")
    return head + mark
