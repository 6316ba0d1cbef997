"""The page cache seen from the outside: hits do no work, every change shows at the next GET,
anonymous pages are shareable (no cookie, ETag and 304), sessions bypass it, views are counted."""

import threading
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.signals import template_rendered
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from gongkai.core import schedule
from gongkai.core.pagecache import counting
from gongkai.core.pagecache.counting import is_robot, view_counter
from gongkai.core.roles import Role
from gongkai.documents import services
from gongkai.documents.models import Document, Interpretation, RelationKind, Validity
from gongkai.portal.models import GuidePage
from tests import factories


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code in {200, 410}, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.fixture
def templates_rendered():
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


PUBLIC_PAGES = [
    "/",
    "/documents/",
    "/documents/?year=2019",
    "/interpretations/",
    "/catalogue/",
    "/feeds/rss/",
    "/feeds/atom/",
    "/sitemap.xml",
    "/sitemap/",
    "/api/documents",
    "/api/interpretations",
    "/api/departments",
    "/pages/guide/",
]


def page_urls(library) -> list[str]:
    return [
        *PUBLIC_PAGES,
        f"/documents/{library.plan.pk}/",
        f"/interpretations/{library.interpretation.pk}/",
        f"/feeds/department/{library.office.pk}/rss/",
        f"/api/documents/{library.plan.pk}",
        f"/api/documents/{library.plan.pk}/graph",
        f"/api/interpretations/{library.interpretation.pk}",
    ]


def test_a_hit_touches_neither_database_nor_templates(
    client, library, django_assert_num_queries, templates_rendered, settings
):
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600  # views counted in memory, written later
    for url in page_urls(library):
        first = client.get(url)
        templates_rendered.clear()
        with django_assert_num_queries(0, info=url):
            again = client.get(url)
        assert templates_rendered == [], url
        assert again.content == first.content, url
        assert again["ETag"] == first["ETag"], url
    view_counter.flush()


def test_anonymous_pages_are_shareable(client, library, settings):
    settings.PAGE_CACHE_MAX_AGE = 30
    for url in page_urls(library):
        for attempt in ("miss", "hit"):
            response = client.get(url)
            assert not response.cookies, (url, attempt)
            assert "cookie" not in response.get("Vary", "").lower(), (url, attempt)
            assert response["Cache-Control"] == "public, max-age=30", (url, attempt)
            assert response["ETag"].startswith('"'), (url, attempt)


def test_conditional_request_answers_304(client, library):
    url = f"/documents/{library.plan.pk}/"
    etag = client.get(url)["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and not again.content
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_language_and_large_text_are_part_of_the_key(client, library):
    url = f"/documents/{library.plan.pk}/"
    assert "发文机关" in text_of(client, url)
    client.get("/language/", {"language": "en", "next": url})
    assert "Issuing body" in text_of(client, url)
    client.get("/display/", {"mode": "large", "next": url})
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert "mode-large" in page.body["class"] and page.html["lang"] == "en"
    client.cookies.clear()
    page = BeautifulSoup(client.get(url).content, "html.parser")
    assert "mode-large" not in (page.body.get("class") or []) and page.html["lang"] == "zh-hans"


def test_staff_and_sessions_bypass_the_cache(client, library):
    url = f"/documents/{library.plan.pk}/"
    assert "关于印发2019年政务公开工作实施方案的通知" in text_of(client, url)  # stored
    # A change no service announced: only a visitor who bypasses the cache sees it at once.
    Document.objects.filter(pk=library.plan.pk).update(title="只给工作人员看的标题")
    staff = factories.make_user(role=Role.EDITOR)
    client.force_login(staff)
    response = client.get(url)
    assert "只给工作人员看的标题" in response.content.decode()
    assert "private" in response["Cache-Control"] and "ETag" not in response
    client.logout()
    client.cookies.clear()
    assert "只给工作人员看的标题" not in text_of(client, url)


def test_what_a_session_visitor_sees_is_not_stored_for_others(client, library):
    url = f"/documents/{library.old_rules.pk}/"
    client.force_login(factories.make_user(role=Role.EDITOR))
    client.get(url)
    client.logout()
    client.cookies.clear()
    Document.objects.filter(pk=library.old_rules.pk).update(title="匿名访问时的标题")
    assert "匿名访问时的标题" in text_of(client, url)


def test_views_are_counted_on_hits_and_written_in_batches(client, library, settings):
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600
    url = f"/documents/{library.plan.pk}/"
    for _ in range(5):
        client.get(url)
    client.get(f"/api/documents/{library.plan.pk}")  # the API does not count views
    assert Document.objects.get(pk=library.plan.pk).view_count == 0
    view_counter.flush()
    assert Document.objects.get(pk=library.plan.pk).view_count == 5
    for _ in range(3):
        client.get(url)
    view_counter.flush()
    assert Document.objects.get(pk=library.plan.pk).view_count == 8


def test_a_head_is_not_a_view(client, library, settings):
    """Link checkers and monitors ask HEAD: neither the render nor the hits count."""
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600
    url = f"/documents/{library.plan.pk}/"
    client.head(url)
    client.head(url)
    client.get(url)
    client.head(url)
    view_counter.flush()
    assert Document.objects.get(pk=library.plan.pk).view_count == 1


ROBOTS = [
    "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
    "Mozilla/5.0 (compatible; 360Spider)",
    "Mozilla/5.0 (Linux; Android 5.0) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
    "Gongkai-site-check/1.0 (政府网站自查; polite, a few requests per site)",
]
PEOPLE = [
    "Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 Chrome/74.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 MicroMessenger/8.0.40",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
    "",
]


@pytest.mark.parametrize(
    ("user_agent", "robot"), [(ua, True) for ua in ROBOTS] + [(ua, False) for ua in PEOPLE]
)
def test_robots_are_told_from_people(user_agent, robot):
    assert is_robot(user_agent) is robot


def test_a_robot_s_visit_is_not_a_view(client, library, settings):
    """Search engines render the page (and hit it later) without adding to 浏览量."""
    settings.PAGE_VIEW_FLUSH_SECONDS = 3600
    url = f"/documents/{library.plan.pk}/"
    client.get(url, headers={"User-Agent": ROBOTS[0]})  # rendered and stored
    client.get(url, headers={"User-Agent": ROBOTS[1]})  # a hit
    client.get(url, headers={"User-Agent": PEOPLE[0]})
    view_counter.flush()
    assert Document.objects.get(pk=library.plan.pk).view_count == 1


# --- each change shows at the next anonymous GET -------------------------------------------


def test_publishing_shows_everywhere(client, library):
    urls = ["/", "/documents/", "/feeds/rss/", "/api/documents", "/catalogue/"]
    for url in urls:
        client.get(url)
    factories.make_document(
        department=library.finance, title="新发布的萤火虫保护办法", published_on=date(2026, 3, 2)
    )
    for url in urls:
        assert "新发布的萤火虫保护办法" in client.get(url).content.decode(), url


def test_withdrawing_shows_at_once(client, library):
    url = f"/documents/{library.plan.pk}/"
    assert client.get(url).status_code == 200
    client.get("/documents/")
    factories.withdraw_document(library.plan, reason="文号有误。")
    assert client.get(url).status_code == 410
    assert library.plan.title not in client.get("/documents/").content.decode()
    assert client.get(f"/api/documents/{library.plan.pk}").status_code == 410


def test_changing_validity_shows_at_once(client, library):
    url = f"/documents/{library.plan.pk}/"
    banner = f"本文件{Validity.EXPIRED.label}"
    assert banner not in text_of(client, url)
    services.document_change_validity(
        document=library.plan,
        user=factories.make_user(role=Role.REVIEWER),
        validity=Validity.EXPIRED,
    )
    assert banner in text_of(client, url)


def test_editing_a_published_document_shows_on_its_page_and_its_relatives(client, library):
    own, relative = f"/documents/{library.old_rules.pk}/", f"/documents/{library.plan.pk}/"
    client.get(own), client.get(relative)
    document = Document.objects.get(pk=library.old_rules.pk)
    document.title = "财政专项资金管理办法（修订）"
    factories.publish_object(document)
    assert "财政专项资金管理办法（修订）" in text_of(client, own)
    assert "财政专项资金管理办法（修订）" in text_of(client, relative)  # its 相关文件


def test_publishing_an_interpretation_shows_on_its_document(client, library):
    url = f"/documents/{library.old_rules.pk}/"
    client.get(url), client.get("/interpretations/")
    factories.make_interpretation(documents=[library.old_rules], title="图解财政专项资金管理办法")
    assert "图解财政专项资金管理办法" in text_of(client, url)
    assert "图解财政专项资金管理办法" in text_of(client, "/interpretations/")


def test_unpublishing_an_interpretation_shows_at_once(client, library):
    url = f"/documents/{library.plan.pk}/"
    assert library.interpretation.title in text_of(client, url)
    from wagtail.actions.unpublish import UnpublishAction

    interpretation = Interpretation.objects.get(pk=library.interpretation.pk)
    UnpublishAction(interpretation).execute(skip_permission_checks=True)
    assert library.interpretation.title not in text_of(client, url)


def test_a_new_relation_shows_on_the_target(client, library):
    url = f"/documents/{library.old_rules.pk}/"
    client.get(url)
    newer = factories.make_document(
        department=library.finance, title="财政专项资金管理补充规定", publish=False
    )
    factories.make_relation(source=newer, kind=RelationKind.BASED_ON, target=library.old_rules)
    factories.publish_object(newer)
    assert "财政专项资金管理补充规定" in text_of(client, url)


def test_a_new_citation_shows_on_the_cited_document(client, library):
    url = f"/documents/{library.plan.pk}/"
    client.get(url)
    factories.make_document(
        department=library.finance,
        title="落实政务公开实施方案的通知",
        body=f"<p>根据《{library.plan.title}》（{library.plan.doc_number}），现通知如下。</p>",
    )
    assert "落实政务公开实施方案的通知" in text_of(client, url)  # 下位落实


def test_renaming_a_department_in_the_back_office_shows_at_once(client, library):
    url = f"/documents/{library.plan.pk}/"
    client.get(url), client.get("/documents/")
    client.force_login(factories.make_user(is_superuser=True))
    edit = reverse("wagtailsnippets_core_department:edit", args=[library.finance.pk])
    data = querydict_from_html(client.get(edit).content.decode(), form_id="w-editor-form")
    data["name"] = "财政金融局"
    assert client.post(edit, data).status_code == 302
    client.logout()
    client.cookies.clear()
    assert "财政金融局" in text_of(client, url)
    assert "财政金融局" in text_of(client, "/documents/")


def test_publishing_the_guide_shows_at_once(client, library):
    assert "本机关新地址" not in text_of(client, "/pages/guide/")
    guide = GuidePage.objects.get()
    guide.body = "<p>本机关新地址：XX路1号。</p>"
    guide.save_revision().publish()
    assert "本机关新地址" in text_of(client, "/pages/guide/")


def test_page_files_for_nginx_are_written_and_deleted_with_the_page(
    client, library, settings, tmp_path
):
    settings.PAGE_CACHE_FILES_DIR = tmp_path
    url = f"/documents/{library.plan.pk}/"
    body = client.get(url).content
    chinese = tmp_path / "-" / "-" / "documents" / str(library.plan.pk) / "index.html"
    assert chinese.read_bytes() == body and chinese.stat().st_mode & 0o777 == 0o644
    client.get("/documents/?year=2019")  # a query string: nginx passes it on, no file
    client.get("/feeds/rss/")  # not HTML
    client.cookies["django_language"] = "en"
    client.get(url)
    files = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*.html"))
    assert files == [
        f"-/-/documents/{library.plan.pk}/index.html",
        f"en/-/documents/{library.plan.pk}/index.html",
    ]
    factories.withdraw_document(library.plan)
    assert not list(tmp_path.rglob("*.html"))


def test_views_of_pages_sent_by_nginx_are_counted_from_its_log(client, library, settings, tmp_path):
    settings.PAGE_CACHE_FILES_DIR = tmp_path
    client.get(f"/documents/{library.plan.pk}/")  # rendered by Gongkai: 1 view
    served = tmp_path / "served.log"
    line = f"-/-/documents/{library.plan.pk}/index.html\n"
    served.write_text(line * 3 + "-/-/documents/index.html\n" + line[:10])  # last line unfinished
    schedule.count_views_of_page_files()
    assert Document.objects.get(pk=library.plan.pk).view_count == 4
    served.write_text(served.read_text() + line[10:])
    schedule.count_views_of_page_files()
    assert Document.objects.get(pk=library.plan.pk).view_count == 5


@pytest.mark.pg
@pytest.mark.django_db(transaction=True)
def test_the_flusher_keeps_no_database_connection_between_rounds(settings, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("an in-memory SQLite test database is never closed")
    settings.CONN_MAX_AGE = 60
    still_connected = []

    def write_counts(views):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    def a_round():
        view_counter.add_counts({("flusher-test", 1): 1})
        view_counter.flush_and_release()
        still_connected.append(connection.connection is not None)

    monkeypatch.setitem(counting._handlers, "flusher-test", write_counts)
    thread = threading.Thread(target=a_round)
    thread.start()
    thread.join()
    assert still_connected == [False]
