"""A small public library for the API tests: two departments, a topic tree, documents of two
kinds (one joint, one withdrawn, one not proactively disclosed), an interpretation, a relation."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.test import Client

from gongkai.core.roles import Role
from gongkai.documents.models import Disclosure, InterpretationForm, RelationKind
from gongkai.search.services import search_index_rebuild
from tests import factories


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 takes most of a second per user by design; these tests do not test it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def library(db):
    finance = factories.make_department(name="财政局", code="czj", name_en="Finance Bureau")
    office = factories.make_department(name="党政办公室", code="dzb", is_openness_office=True)
    economy = factories.make_topic(name="经济")
    budget_topic = factories.make_topic(name="财政预算", parent=economy)
    education = factories.make_topic(name="教育")
    notice = factories.make_kind(name="通知", needs_interpretation=False)
    opinion = factories.make_kind(name="意见", needs_interpretation=False)

    budget = factories.make_document(
        department=finance,
        doc_type=notice,
        topics=[budget_topic],
        title="关于做好2025年预算公开工作的通知",
        doc_number="筑高新财发〔2025〕7号",
        published_on=date(2025, 3, 10),
        keywords="预算 公开",
        summary="部署预算公开工作。",
        body='<p>全面推进<a href="https://example.org/">预算公开</a>。</p>',
    )
    joint = factories.make_document(
        department=office,
        issuers=[office, finance],
        doc_type=opinion,
        topics=[education],
        relations=[(RelationKind.BASED_ON, budget)],
        title="关于优化营商环境的意见",
        doc_number="筑高新办发〔2024〕3号",
        published_on=date(2024, 6, 1),
        body="<p>持续优化营商环境。</p>",
    )
    reviewer = factories.make_user(role=Role.REVIEWER, department=office)
    withdrawn = factories.withdraw_document(
        factories.make_document(
            department=finance,
            doc_type=notice,
            title="关于暂停受理的通知",
            published_on=date(2025, 1, 5),
        ),
        reason="内容有误，重新发布",
        user=reviewer,
    )
    on_request = factories.make_document(
        department=finance, doc_type=notice, title="内部管理办法", disclosure=Disclosure.ON_REQUEST
    )
    interpretation = factories.make_interpretation(
        documents=[budget],
        title="《预算公开通知》政策解读",
        forms=[
            InterpretationForm(kind="text", text="<p>解读内容。</p>"),
            InterpretationForm(kind="chart", caption="图解说明"),
        ],
    )
    return SimpleNamespace(
        finance=finance,
        office=office,
        economy=economy,
        budget_topic=budget_topic,
        education=education,
        notice=notice,
        opinion=opinion,
        budget=budget,
        joint=joint,
        withdrawn=withdrawn,
        on_request=on_request,
        interpretation=interpretation,
        reviewer=reviewer,
    )


@pytest.fixture
def indexed(library):
    """The library with the search index built from the database."""
    search_index_rebuild()
    return library


@pytest.fixture
def api():
    return Client()
