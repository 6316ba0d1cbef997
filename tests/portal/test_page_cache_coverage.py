"""Every public page comes from the page cache: the table below is generated against the URL conf.

Each public URL pattern (not the back office, not the staff API) has an entry: how to reach a
page of it (built from ``world``), or why it is not a cached page. A pattern added without an
entry fails ``test_every_public_url_pattern_has_an_entry``; a cached entry is fetched twice
anonymously and the second answer must come from the cache: no database query, no template, the
same bytes, no cookie and no ``Vary: Cookie``.
"""

from types import SimpleNamespace

import pytest
from django.test.signals import template_rendered
from django.urls import URLResolver, get_resolver

from gongkai.core.roles import Role
from gongkai.execution import selectors as execution_selectors
from gongkai.execution import services as execution_services
from tests import factories
from tests.consultations.conftest import make_consultation
from tests.execution.conftest import PARTNER_PLAN, plan_body
from tests.interaction.conftest import answered_message
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
    "consultations/": lambda w: "/consultations/",
    "consultations/awaiting-report/": lambda w: "/consultations/awaiting-report/",
    "consultations/<int:pk>/": lambda w: f"/consultations/{w.consultation.pk}/",
    "interaction/": lambda w: "/interaction/",
    "interaction/<int:pk>/": lambda w: f"/interaction/{w.message.pk}/",
    "account/privacy/": lambda w: "/account/privacy/",
    "api/documents": lambda w: "/api/documents",
    "api/documents/withdrawn": lambda w: "/api/documents/withdrawn",
    "api/documents/<id>": lambda w: f"/api/documents/{w.library.plan.pk}",
    "api/documents/<id>/graph": lambda w: f"/api/documents/{w.library.plan.pk}/graph",
    "api/interpretations": lambda w: "/api/interpretations",
    "api/interpretations/<id>": lambda w: f"/api/interpretations/{w.library.interpretation.pk}",
    "api/departments": lambda w: "/api/departments",
    "api/topics": lambda w: "/api/topics",
    "api/doc-types": lambda w: "/api/doc-types",
    "api/reports/annual/<year>": lambda w: f"/api/reports/annual/{w.report.year}",
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
    # Cached by their views (@public_page) but with no builder here yet (the app landed after
    # this table): to be moved to CACHED with an enforcement decision, item list and plan.
    **{
        f"enforcement/{route}": "cached by its view; builder not yet in this table"
        for route in (
            "",
            "items/",
            "inspections/",
            "decisions/<int:pk>/",
            "inspections/<int:pk>/",
            "inspections/<int:pk>/plan.json",
            "inspections/<int:pk>/verify/",
            "items/<int:department_id>/",
            "items/<int:department_id>/export.<str:fmt>",
        )
    },
    "enforcement/decisions/<int:pk>/feedback/": FORM,
    "enterprise/profile/": FORM,
    "enterprise/matches/": "an enterprise's own matches: needs its account, never cached",
    "enterprise/matches.json": "as enterprise/matches/",
    "enterprise/feeds/<str:token>.ics": "an enterprise's private feed (signed address)",
    # Cached by their views (@public_page); builders not yet in this table.
    **{
        f"enterprise/{route}": "cached by its view; builder not yet in this table"
        for route in (
            "calendar/",
            "programmes/<int:pk>/",
            "programmes/<int:pk>.ics",
            "departments/<int:pk>.ics",
            "projects/",
        )
    },
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


@pytest.fixture
def world(library):
    """The portal's library, a published annual report of the government and of a department,
    a published execution plan, an open consultation and an answered message."""
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
        message=answered_message(library.office, admin),
        admin=admin,
    )


@pytest.fixture
def templates_rendered():
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


@pytest.mark.parametrize("route", sorted(CACHED))
def test_a_public_page_is_served_from_the_cache(
    route, world, client, django_assert_num_queries, templates_rendered, settings
):
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600  # views counted in memory: a hit writes nothing
    url = CACHED[route](world)
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
