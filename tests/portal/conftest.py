"""A small public library for the portal tests: three departments, a topic tree, documents of
three kinds across years (one joint, one repealed by another, one withdrawn, one on request, one
draft), an interpretation with four forms, and an English version."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation

from gongkai.documents.models import Disclosure, InterpretationForm, RelationKind
from tests import factories


@pytest.fixture
def library(db):
    office = factories.make_department(name="党政办公室", code="dzb", name_en="General Office")
    finance = factories.make_department(name="财政局", code="czj", name_en="Finance Bureau")
    planning = factories.make_department(name="规划建设局", code="ghj")
    economy = factories.make_topic(name="经济管理", slug="economy", name_en="Economy")
    budget_topic = factories.make_topic(name="财政预算", slug="budget", parent=economy)
    education = factories.make_topic(name="教育", slug="education")
    notice = factories.make_kind(name="通知", name_en="Notice", needs_interpretation=False)
    measures = factories.make_kind(name="办法", needs_interpretation=False)
    opinion = factories.make_kind(name="意见", needs_interpretation=False)

    old_rules = factories.make_document(
        department=finance,
        doc_type=measures,
        topics=[budget_topic],
        title="财政专项资金管理办法",
        doc_number="筑高新财发〔2019〕12号",
        written_on=date(2019, 4, 28),
        published_on=date(2019, 5, 6),
        summary="规范专项资金管理。",
    )
    plan = factories.make_document(
        department=office,
        issuers=[office, finance],
        doc_type=notice,
        topics=[economy, education],
        relations=[(RelationKind.BASED_ON, old_rules)],
        title="关于印发2019年政务公开工作实施方案的通知",
        title_en="Notice on the 2019 Openness Plan",
        summary_en="The 2019 openness plan.",
        body_en="<p>All departments shall publish their policies.</p>",
        doc_number="筑高新办函〔2019〕23号",
        written_on=date(2019, 5, 30),
        published_on=date(2019, 6, 3),
        region="贵阳国家高新区",
        source="党政办公室",
        keywords="政务公开 实施方案",
        body="<p>各部门要全面推进萤火虫式政务公开。</p>",
        attachments=[
            factories.make_attachment(
                title="任务分解表", name="tasks.pdf", content=b"%PDF" + b"x" * 2044
            )
        ],
    )
    new_rules = factories.make_document(
        department=finance,
        doc_type=measures,
        topics=[budget_topic],
        relations=[(RelationKind.REPEALS, old_rules)],
        title="财政专项资金管理办法（2024年修订）",
        doc_number="筑高新财发〔2024〕3号",
        written_on=date(2024, 1, 20),
        published_on=date(2024, 2, 1),
        effective_on=date(2024, 3, 1),
    )
    opinion_doc = factories.make_document(
        department=planning,
        doc_type=opinion,
        title="关于优化营商环境的意见",
        written_on=date(2023, 7, 1),
        published_on=date(2023, 7, 10),
    )
    withdrawn = factories.withdraw_document(
        factories.make_document(
            department=office,
            doc_type=notice,
            title="关于暂停受理的通知",
            published_on=date(2024, 3, 1),
        ),
        reason="文号有误，重新印发。",
    )
    on_request = factories.make_document(
        department=finance, doc_type=notice, title="内部管理规程", disclosure=Disclosure.ON_REQUEST
    )
    draft = factories.make_document(
        department=office, doc_type=notice, title="尚未发布的通知", publish=False
    )
    interpretation = factories.make_interpretation(
        documents=[plan],
        title="《2019年政务公开工作实施方案》解读",
        title_en="Reading the 2019 Openness Plan",
        interpreter_name="张三",
        summary="解读方案的主要任务。",
        forms=[
            InterpretationForm(kind="text", text="<p>一、出台背景。</p>"),
            InterpretationForm(
                kind="chart",
                caption="一图读懂实施方案",
                file=ContentFile(b"\x89PNG", name="chart.png"),
            ),
            InterpretationForm(
                kind="audio",
                caption="文字稿：主持人：大家好。",
                file=ContentFile(b"ID3", name="talk.mp3"),
            ),
            InterpretationForm(
                kind="video",
                caption="访谈视频字幕稿",
                file=ContentFile(b"\x00\x00", name="talk.mp4"),
            ),
        ],
    )
    return SimpleNamespace(**locals())


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Chinese: a request in English leaves its language active in the thread."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
