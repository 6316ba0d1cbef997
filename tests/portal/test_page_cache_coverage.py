"""Every public page comes from the page cache: the table below is generated against the URL conf.

Each public URL pattern (not the back office, not the staff API) has an entry: how to reach a
page of it (built from ``world``), or why it is not a cached page. A pattern added without an
entry fails ``test_every_public_url_pattern_has_an_entry``; a cached entry is fetched twice
anonymously and the second answer must come from the cache: no database query, no template, the
same bytes, no cookie and no ``Vary: Cookie``.
"""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory
from django.test.signals import template_rendered
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from gongkai.assessment import services as assessment_services
from gongkai.audio import services as audio_services
from gongkai.core.roles import Role
from gongkai.documents.models import Interpretation
from gongkai.enforcement import services as enforcement_services
from gongkai.enforcement.models import InspectionPlan
from gongkai.execution import selectors as execution_selectors
from gongkai.execution import services as execution_services
from tests import factories
from tests.areas.columns import make_employment, make_reform
from tests.areas.conftest import make_certificate, make_guide
from tests.areas.finance import make_budget, make_debt
from tests.concerns.conftest import answered_concern
from tests.consultations.conftest import make_consultation, make_reported
from tests.enforcement.conftest import make_decision
from tests.enterprise.conftest import make_enterprise, make_funded, make_policy, make_programme
from tests.execution.conftest import PARTNER_PLAN, plan_body
from tests.interaction.conftest import answered_message
from tests.knowledge.conftest import make_answer
from tests.reports.conftest import make_report

# route -> how to build one URL of it from the world (a function), when it is a cached page.
CACHED = {
    "": lambda w: "/",
    "documents/": lambda w: "/documents/?year=2019",
    "documents/<int:pk>/": lambda w: f"/documents/{w.library.plan.pk}/",
    "interpretations/": lambda w: "/interpretations/",
    "interpretations/<int:pk>/": lambda w: f"/interpretations/{w.library.interpretation.pk}/",
    "catalogue/": lambda w: "/catalogue/",
    "guide/": lambda w: "/guide/",
    "feeds/rss/": lambda w: "/feeds/rss/",
    "feeds/atom/": lambda w: "/feeds/atom/",
    "feeds/department/<int:pk>/rss/": lambda w: f"/feeds/department/{w.library.office.pk}/rss/",
    "feeds/department/<int:pk>/atom/": lambda w: f"/feeds/department/{w.library.office.pk}/atom/",
    "feeds/topic/<slug:slug>/rss/": lambda w: f"/feeds/topic/{w.library.economy.slug}/rss/",
    "feeds/topic/<slug:slug>/atom/": lambda w: f"/feeds/topic/{w.library.economy.slug}/atom/",
    "sitemap.xml": lambda w: "/sitemap.xml",
    "sitemap/": lambda w: "/sitemap/",
    "sitemap-<section>.xml": lambda w: "/sitemap-documents.xml",
    "pages/": lambda w: "/pages/",
    "pages/^((?:[\\w\\-]+/)*)$": lambda w: "/pages/guide/",
    "reports/annual/": lambda w: "/reports/annual/",
    "reports/annual/<int:year>/": lambda w: f"/reports/annual/{w.report.year}/",
    "reports/annual/<int:year>/report.docx": lambda w: (
        f"/reports/annual/{w.report.year}/report.docx"
    ),
    "reports/annual/<int:year>/report.xlsx": lambda w: (
        f"/reports/annual/{w.report.year}/report.xlsx"
    ),
    "reports/annual/<int:year>/departments/<slug:department>/": lambda w: (
        f"/reports/annual/{w.report.year}/departments/{w.library.office.code}/"
    ),
    "reports/annual/<int:year>/departments/<slug:department>/report.docx": lambda w: (
        f"/reports/annual/{w.report.year}/departments/{w.library.office.code}/report.docx"
    ),
    "reports/annual/<int:year>/departments/<slug:department>/report.xlsx": lambda w: (
        f"/reports/annual/{w.report.year}/departments/{w.library.office.code}/report.xlsx"
    ),
    "execution/": lambda w: "/execution/",
    "execution/plans/<int:pk>/": lambda w: f"/execution/plans/{w.plan.pk}/",
    "assessment/": lambda w: "/assessment/",
    "assessment/spot-checks/": lambda w: "/assessment/spot-checks/",
    "assessment/spot-checks/<int:pk>/": lambda w: f"/assessment/spot-checks/{w.spot_check.pk}/",
    "assessment/spot-checks/<int:pk>/spot-check.json": lambda w: (
        f"/assessment/spot-checks/{w.spot_check.pk}/spot-check.json"
    ),
    "assessment/spot-checks/<int:pk>/verify/": lambda w: (
        f"/assessment/spot-checks/{w.spot_check.pk}/verify/"
    ),
    "consultations/": lambda w: "/consultations/",
    "consultations/awaiting-report/": lambda w: "/consultations/awaiting-report/",
    "consultations/<int:pk>/": lambda w: f"/consultations/{w.consultation.pk}/",
    "interaction/": lambda w: "/interaction/",
    "interaction/<int:pk>/": lambda w: f"/interaction/{w.message.pk}/",
    "concerns/": lambda w: "/concerns/",
    "concerns/<int:pk>/": lambda w: f"/concerns/{w.concern.pk}/",
    "interaction/answers/": lambda w: "/interaction/answers/?q=房租补贴",
    "interaction/answers/<int:pk>/": lambda w: f"/interaction/answers/{w.answer.pk}/",
    "account/privacy/": lambda w: "/account/privacy/",
    "api/documents": lambda w: "/api/documents",
    "api/documents/withdrawn": lambda w: "/api/documents/withdrawn",
    "api/documents/<id>": lambda w: f"/api/documents/{w.library.plan.pk}",
    "api/documents/<id>/graph": lambda w: f"/api/documents/{w.library.plan.pk}/graph",
    "api/interpretations": lambda w: "/api/interpretations",
    "api/interpretations/<id>": lambda w: f"/api/interpretations/{w.library.interpretation.pk}",
    "api/answers": lambda w: "/api/answers?q=房租补贴",
    "api/answers/<id>": lambda w: f"/api/answers/{w.answer.pk}",
    "api/budgets": lambda w: "/api/budgets?kind=department_budget",
    "api/budgets/<id>": lambda w: f"/api/budgets/{w.budget.pk}",
    "api/debts": lambda w: "/api/debts",
    "api/employment": lambda w: "/api/employment?q=补贴",
    "api/employment/<id>": lambda w: f"/api/employment/{w.employment.pk}",
    "api/reforms": lambda w: "/api/reforms?category=streamline",
    "api/reforms/<id>": lambda w: f"/api/reforms/{w.reform.pk}",
    "api/consultations": lambda w: "/api/consultations?phase=open",
    "api/consultations/<id>": lambda w: f"/api/consultations/{w.consultation.pk}",
    "api/consultations/<id>/report": lambda w: f"/api/consultations/{w.reported.pk}/report",
    "api/departments": lambda w: "/api/departments",
    "api/topics": lambda w: "/api/topics",
    "api/doc-types": lambda w: "/api/doc-types",
    "api/reports/annual/<year>": lambda w: f"/api/reports/annual/{w.report.year}",
    "enforcement/": lambda w: "/enforcement/",
    "enforcement/decisions/<int:pk>/": lambda w: f"/enforcement/decisions/{w.decision.pk}/",
    "enforcement/items/": lambda w: "/enforcement/items/",
    "enforcement/items/<int:department_id>/": lambda w: (
        f"/enforcement/items/{w.library.office.pk}/"
    ),
    "enforcement/items/<int:department_id>/export.<str:fmt>": lambda w: (
        f"/enforcement/items/{w.library.office.pk}/export.csv"
    ),
    "enforcement/inspections/": lambda w: "/enforcement/inspections/",
    "enforcement/inspections/<int:pk>/": lambda w: f"/enforcement/inspections/{w.inspection.pk}/",
    "enforcement/inspections/<int:pk>/plan.json": lambda w: (
        f"/enforcement/inspections/{w.inspection.pk}/plan.json"
    ),
    "enforcement/inspections/<int:pk>/verify/": lambda w: (
        f"/enforcement/inspections/{w.inspection.pk}/verify/"
    ),
    "enterprise/calendar/": lambda w: "/enterprise/calendar/",
    "enterprise/programmes/<int:pk>/": lambda w: f"/enterprise/programmes/{w.programme.pk}/",
    "enterprise/programmes/<int:pk>.ics": lambda w: f"/enterprise/programmes/{w.programme.pk}.ics",
    "enterprise/departments/<int:pk>.ics": lambda w: (
        f"/enterprise/departments/{w.programme.department_id}.ics"
    ),
    "enterprise/projects/": lambda w: "/enterprise/projects/",
    "audio/": lambda w: "/audio/",
    "audio/<int:year>/<int:month>/<int:day>/": lambda w: daily_digest_url(w),
    "audio/podcast.rss": lambda w: "/audio/podcast.rss",
    "services/": lambda w: "/services/?q=养老保险",
    "services/<int:pk>/": lambda w: f"/services/{w.guide.pk}/",
    "services/export.<str:fmt>": lambda w: "/services/export.xlsx",
    "services/certificates/": lambda w: "/services/certificates/",
    "services/certificates/export.<str:fmt>": lambda w: "/services/certificates/export.csv",
    "finance/budgets/": lambda w: "/finance/budgets/?year=2026",
    "finance/budgets/<int:pk>/": lambda w: f"/finance/budgets/{w.budget.pk}/",
    "finance/budgets/export.<str:fmt>": lambda w: "/finance/budgets/export.xlsx",
    "key-areas/employment/": lambda w: "/key-areas/employment/?kind=subsidy",
    "key-areas/employment/<int:pk>/": lambda w: f"/key-areas/employment/{w.employment.pk}/",
    "key-areas/employment/export.<str:fmt>": lambda w: "/key-areas/employment/export.csv",
    "key-areas/reform/": lambda w: "/key-areas/reform/?q=网办",
    "key-areas/reform/<int:pk>/": lambda w: f"/key-areas/reform/{w.reform.pk}/",
    "key-areas/reform/export.<str:fmt>": lambda w: "/key-areas/reform/export.xlsx",
    "finance/debts/": lambda w: "/finance/debts/",
    "finance/debts/export.<str:fmt>": lambda w: "/finance/debts/export.csv",
}

FORM = "a form (CSRF token) or its POST, a personal page, or a redirect setting a cookie"
# route -> why it is not a cached page.
NOT_CACHED = {
    "media/<path:name>": "uploads, served by their owner's rules (private files, byte ranges)",
    "files/^(\\d+)/(.*)$": "Wagtail documents, served by their privacy rules",
    "files/authenticate_with_password/<int:restriction_id>/": FORM,
    "pages/_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": FORM,
    "pages/_util/login/": FORM,
    "api/": "django-ninja's root: no page (404)",
    "api/openapi.json": "the schema, generated from the code alone: no database query",
    "api/docs": "the schema's viewer, a static page from the code alone",
    "api/documents/search": "search results come from the index (written after the commit, so "
    "no publish can drop them exactly) and each search counts against the rate limit",
    "search/": "as api/documents/search",
    "catalogue.csv": "streamed export of the whole filtered catalogue (unbounded size)",
    "catalogue.xlsx": "export of the whole filtered catalogue (unbounded size, from a temporary file)",
    "api/workdays/add": "a computation on the in-memory calendar, not a stored page",
    "api/workdays/between": "as api/workdays/add",
    "api/workdays/is-working-day": "as api/workdays/add",
    "display/": FORM,
    "language/": FORM,
    "i18n/setlang/": FORM,
    "consultations/<int:pk>/comment/": FORM,
    "consultations/comments/<int:pk>/report/": FORM,
    "interaction/write/": FORM,
    "interaction/mine/<int:pk>/": FORM,
    "interaction/suggest/": "as api/documents/search, while a message is typed",
    **{
        f"account/{route}": FORM
        for route in (
            "",
            "register/",
            "register/sent/",
            "register/resend/",
            "verify/<str:reference>/<str:token>/",
            "login/",
            "logout/",
            "password/reset/",
            "password/reset/sent/",
            "password/reset/<str:uidb64>/<str:token>/",
            "password/reset/done/",
            "profile/",
            "profile/mobile/code/",
            "profile/mobile/verify/",
            "delete/",
        )
    },
    "enforcement/decisions/<int:pk>/feedback/": FORM,
    "enterprise/profile/": FORM,
    "enterprise/matches/": "an enterprise's own matches: needs its account, never cached",
    "enterprise/matches.json": "as enterprise/matches/",
    "enterprise/feeds/<str:token>.ics": "an enterprise's private feed (signed address)",
    **{
        f"subscriptions/{route}": FORM
        for route in (
            "",
            "<int:pk>/remove/",
            "feed/<str:key>/",
            "feed/renew/",
            "unsubscribe/<str:token>/",
            "webhook/",
            "webhook/secret/",
        )
    },
    "requests/apply/": FORM,
    "requests/track/": FORM,
    "requests/mine/": FORM,
    **{
        f"requests/{via}/<str:token>/{page}": FORM
        for via in ("track", "found", "mine")
        for page in ("", "receipt/", "correct/", "withdraw/", "letter.<str:fmt>")
    },
}

STAFF_ONLY = ("admin/", "api/staff/")


def public_routes(patterns=None, prefix: str = "") -> list[str]:
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(STAFF_ONLY):
            continue
        if isinstance(pattern, URLResolver):
            routes += public_routes(pattern.url_patterns, route)
        else:
            routes.append(route)
    return routes


def test_every_public_url_pattern_has_an_entry():
    routes = set(public_routes())
    missing = sorted(routes - set(CACHED) - set(NOT_CACHED))
    assert not missing, f"public URL patterns without an entry in CACHED or NOT_CACHED: {missing}"
    assert not set(CACHED) & set(NOT_CACHED)
    stale = sorted((set(CACHED) | set(NOT_CACHED)) - routes)
    assert not stale, f"entries for URL patterns that no longer exist: {stale}"


def daily_digest_url(world) -> str:
    """A digest of today (每日一听) reading the library's interpretation, published yesterday."""
    yesterday = timezone.now() - timedelta(days=1)
    Interpretation.objects.filter(pk=world.library.interpretation.pk).update(
        first_published_at=yesterday
    )
    day = audio_services.build_digest(timezone.localdate()).day
    return f"/audio/{day.year}/{day.month}/{day.day}/"


@pytest.fixture
def world(library):
    """The portal's library, a published annual report of the government and of a department,
    a published execution plan, an open consultation and one with its adoption report
    published, an answered message, an answered
    concern and a published policy answer."""
    admin = factories.staff_user(Role.ADMIN, library.office)
    report = make_report(publish=True)
    make_report(department=library.office, publish=True)
    document = factories.make_document(
        department=library.office,
        title="关于印发营商环境工作方案的通知",
        body=plan_body(*PARTNER_PLAN),
    )
    tasks, text = execution_selectors.proposed_tasks(document)
    plan = execution_services.plan_create_from_document(
        document=document, tasks=tasks, user=admin, text=text
    )
    execution_services.plan_publish(plan=plan, user=admin)
    consultation = make_consultation(department=library.office)
    return SimpleNamespace(
        library=library,
        report=report,
        plan=plan,
        consultation=consultation,
        reported=make_reported(department=library.office),
        message=answered_message(library.office, admin),
        concern=answered_concern(library.office, admin, documents=[library.plan]),
        answer=make_answer(department=library.office, documents=[library.plan]),
        admin=admin,
        **enforcement_world(library),
        programme=enterprise_world(library),
        guide=areas_world(library),
        budget=finance_world(library),
        employment=make_employment(department=library.office, document=library.plan),
        reform=make_reform(department=library.office, document=library.plan),
        spot_check=spot_check_world(),
    )


def spot_check_world():
    """A spot check of the library's pages, drawn."""
    assessor = factories.staff_user(Role.ASSESSOR)
    check = assessment_services.spot_check_commit(
        name="2026年网站页面抽查", scope="pages", sample_size=2, user=assessor
    )
    return assessment_services.spot_check_draw(spot_check=check, user=assessor)


def enforcement_world(library) -> dict:
    """A published decision, an item list citing a document, a drawn inspection plan."""
    head = factories.staff_user(Role.HEAD, library.office)
    decision = make_decision(department=library.office, user=head, publish=True)
    row = {"name": "对销售过期食品的处罚", "kind": "penalty", "legal_basis": "食品安全法",
           "acting_body": "市场监督管理局", "basis_documents": [library.plan.pk]}  # fmt: skip
    enforcement_services.item_list_publish(
        department=library.office, rows=[row], note="首版", user=head
    )
    inspection = enforcement_services.plan_save(
        InspectionPlan(
            department=library.office,
            title="2026年食品经营者双随机抽查",
            entities=[f"贵阳市某某食品有限公司{i}" for i in range(6)],
            inspectors=["王伟(52001)", "李娜(52002)"],
            entity_count=2,
            inspectors_per_entity=1,
        ),
        user=head,
    )
    enforcement_services.plan_commit(inspection, user=head)
    enforcement_services.plan_draw(inspection, user=head)
    return {"decision": decision, "inspection": inspection}


def enterprise_world(library):
    """A live programme of a policy published as a document, with a funded project."""
    policy = make_policy(department=library.office, document=library.plan)
    programme = make_programme(policy)
    make_funded(programme, make_enterprise())
    return programme


def areas_world(library):
    """A published service guide resting on a library document, and a certificate item."""
    make_certificate(department=library.office)
    return make_guide(department=library.office, bases=[library.plan])


def finance_world(library):
    """A signed-off budget linking a library document, with its tables, and a debt record."""
    make_debt(department=library.office)
    return make_budget(department=library.office, document=library.plan)


@pytest.fixture
def templates_rendered():
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


# The routes are checked in one test each, against one world: building the world takes seconds
# (every item through the sign-off workflow), and one world per route made these two tests the
# longest part of the suite.


def test_a_public_page_is_served_from_the_cache(
    world, client, django_assert_num_queries, templates_rendered, settings
):
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600  # views counted in memory: a hit writes nothing
    for route in sorted(CACHED):
        check_served_from_the_cache(
            CACHED[route](world), client, django_assert_num_queries, templates_rendered
        )


def check_served_from_the_cache(url, client, django_assert_num_queries, templates_rendered):
    first = client.get(url)
    assert first.status_code in {200, 302}, (url, first.status_code)
    templates_rendered.clear()
    with django_assert_num_queries(0, info=url):
        again = client.get(url)
    assert templates_rendered == [], url
    assert again.status_code == first.status_code and again.content == first.content, url
    assert again["ETag"] == first["ETag"], url
    for response in (first, again):
        assert not response.cookies, url
        assert "cookie" not in response.get("Vary", "").lower(), url


def on_the_wire(method: str, url: str):
    """Status, headers and body as the WSGI server gets them: the test client drops a HEAD's
    body itself, which would hide a body sent to a HEAD.

    Like Django's own test handler, the request keeps the test's database connection: a
    server closes it at the end of each request, which on PostgreSQL would leave the next
    route's queries on a closed connection."""
    environ = RequestFactory().generic(method, url).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer.update(status=status, headers=dict(headers))

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, start_response)
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


# Headers that legitimately differ between two answers: the CSP nonce of each response.
PER_RESPONSE = {"Content-Security-Policy"}


def test_head_on_a_public_page_answers_as_get_without_the_body(
    world, django_assert_num_queries, settings
):
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600
    for route in sorted(CACHED):
        check_head_answers_as_get(CACHED[route](world), django_assert_num_queries)


def check_head_answers_as_get(url, django_assert_num_queries):
    status, head_headers, body = on_the_wire("HEAD", url)  # a miss: rendered, and stored
    assert body == b"", url
    with django_assert_num_queries(0, info=url):
        get_status, get_headers, get_body = on_the_wire("GET", url)
        again_status, again_headers, again_body = on_the_wire("HEAD", url)
    assert status == get_status == again_status, url
    assert again_body == b"", url
    assert int(get_headers["Content-Length"]) == len(get_body), url
    for headers in (head_headers, again_headers):
        differing = {
            name
            for name in headers.keys() | get_headers.keys()
            if headers.get(name) != get_headers.get(name)
        }
        assert differing <= PER_RESPONSE, (url, differing)
