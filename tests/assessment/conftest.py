"""A district with something to score in the quarter just ended: requests answered on time
and late, an enforcement decision published late, a document published without its
interpretation, a consultation without its adoption report; messages to the government are
made by the tests that need them (``make_message``)."""

import secrets
from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from gongkai.assessment.models import AssessmentSettings
from gongkai.assessment.scoring import Period
from gongkai.consultations.models import Consultation
from gongkai.core.roles import Role
from gongkai.disclosure.models import DisclosureRequest
from gongkai.documents.models import Document
from gongkai.enforcement.models import Decision
from gongkai.interaction.models import Message, MessageCategory
from tests import factories
from tests.accounts.conftest import make_account
from tests.consultations.conftest import make_consultation
from tests.enforcement.conftest import make_decision


def make_request(department, due_on, closed_on=None, *, status="running"):
    token = secrets.token_hex(16)
    return DisclosureRequest.objects.create(
        tracking_number=f"GK{token[:10]}",
        access_token_hash=token,
        applicant_type="natural_person",
        applicant_name="张三",
        description="某项目的环评批复",
        provision_form="electronic",
        delivery="email",
        channel="online",
        department=department,
        received_on=due_on - timedelta(days=28),
        due_on=due_on,
        closed_on=closed_on,
        status="replied" if closed_on else status,
    )


def make_message(department, due_on, replied_on=None, *, title="小区门口路灯不亮"):
    """A message to ``department`` (None: not yet routed) due on ``due_on``, answered on
    ``replied_on`` (None: not yet)."""
    token = secrets.token_hex(32)
    category = MessageCategory.objects.get_or_create(name="城市管理")[0]
    replied_at = timezone.make_aware(datetime.combine(replied_on, time(10))) if replied_on else None
    return Message.objects.create(
        account=make_account(email=f"{token[:12]}@example.com"),
        category=category,
        title=title,
        body="小区门口的路灯已经坏了一个月，晚上出行不便。",
        tracking_number=f"LY{token[:12]}",
        submit_key_hash=token,
        state="replied" if replied_on else "assigned",
        department=department,
        received_at=timezone.make_aware(datetime.combine(due_on - timedelta(days=20), time(9))),
        due_on=due_on,
        reply="已安排维修。" if replied_on else "",
        replied_at=replied_at,
    )


def set_notice_threshold(value: int) -> None:
    """The 通报 line a test starts from (changing it is ``services.notice_threshold_set``'s)."""
    AssessmentSettings.objects.update_or_create(
        pk=AssessmentSettings.load().pk, defaults={"notice_threshold": value}
    )


def _first_weekday(day):
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@pytest.fixture
def district(db):
    """Two departments scored over the last quarter (``period``)."""
    period = Period.quarter_of(timezone.localdate()).previous()
    due = _first_weekday(period.start + timedelta(days=14))
    industry = factories.department("产业发展局", name_en="Industry Bureau", code="industry")
    education = factories.department("教育局", name_en="Education Bureau", code="education")
    on_time = make_request(industry, due, due)
    late = make_request(industry, due, due + timedelta(days=7))
    withdrawn = make_request(industry, due, status="withdrawn")
    answered = make_request(education, due, due - timedelta(days=3))

    head = factories.staff_user(Role.HEAD, industry)
    decision = make_decision(department=industry, user=head)
    published_late = timezone.make_aware(datetime.combine(due + timedelta(days=10), time(10)))
    Decision.objects.filter(pk=decision.pk).update(
        publication_due=due, published_at=published_late, status="published"
    )

    kind = factories.document_kind("规定", needs_interpretation=True)
    document = factories.published_document(dept=education, kind=kind, title="关于学校安全的规定")
    Document.objects.filter(pk=document.pk).update(published_on=due)

    consultation = make_consultation(department=education)
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=due - timedelta(days=29), ends_on=due
    )
    return SimpleNamespace(
        period=period,
        due=due,
        industry=industry,
        education=education,
        on_time=on_time,
        late=late,
        withdrawn=withdrawn,
        answered=answered,
        decision=decision,
        document=document,
        consultation=consultation,
    )


@pytest.fixture
def library(db):
    """Public documents of two departments to spot-check: five 行政规范性文件 of the finance
    bureau's (one with an interpretation), two of planning's, and an ordinary notice."""
    finance = factories.department("财政局", name_en="Finance Bureau", code="finance")
    planning = factories.department("规划局", name_en="Planning Bureau", code="planning")
    normative = [
        factories.published_document(dept=finance, title=f"财政资金管理办法第{i}号")
        for i in range(5)
    ] + [
        factories.published_document(dept=planning, title=f"规划管理规定第{i}号") for i in range(2)
    ]
    Document.objects.filter(pk__in=[d.pk for d in normative]).update(legal_category="normative")
    notice = factories.published_document(dept=finance, title="关于召开会议的通知")
    interpretation = factories.interpretation(normative[0], title="财政资金管理办法解读")
    return SimpleNamespace(
        finance=finance,
        planning=planning,
        normative=normative,
        notice=notice,
        interpretation=interpretation,
        assessor=factories.staff_user(Role.ASSESSOR),
        finance_editor=factories.staff_user(Role.EDITOR, finance),
        planning_editor=factories.staff_user(Role.EDITOR, planning),
    )
