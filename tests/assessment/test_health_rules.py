"""The self-check rules on their own: links, crawl, findings, veto items, polite planning."""

import datetime as dt
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from gongkai.assessment import health
from gongkai.assessment.health import Column, Finding, Response

TODAY = dt.date(2026, 12, 6)
SITE = ("gov.example.cn",)


def test_link_targets_inside_and_outside_the_site():
    assert health.link_target("/documents/", "3/", SITE) == "/documents/3/"
    assert health.link_target("/a/", "https://gov.example.cn/b/?page=2#top", SITE) == "/b/?page=2"
    assert health.link_target("/", "http://www.gov.cn/x.html", SITE) == "http://www.gov.cn/x.html"
    for skipped in ("#main", "mailto:a@b.cn", "tel:0851-1234", "javascript:void(0)", " "):
        assert health.link_target("/", skipped, SITE) is None


def test_page_links_and_text():
    html = (
        "<html><body><nav><a href='/nav/'>导航</a></nav><main><p>正文</p>"
        "<a href='/x/'>x</a><img src='/media/a.png'><script>var a=1</script></main></body></html>"
    )
    assert health.page_links(html) == ["/nav/", "/x/", "/media/a.png"]
    assert health.page_text(html) == "正文 x"
    assert health.page_links(b"") == []


def _site(pages: dict[str, str]):
    fetched = Counter()

    def fetch(path):
        fetched[path] += 1
        if path in pages:
            return Response(200, "text/html; charset=utf-8", pages[path].encode(), 5.0)
        return Response(404, "text/html", b"")

    return fetch, fetched


def test_crawl_finds_a_dead_link_on_the_page_that_has_it():
    fetch, fetched = _site(
        {
            "/": "<a href='/a/'>a</a><a href='/gone/'>gone</a>",
            "/a/": "<a href='/'>home</a><a href='/gone/'>again</a>",
        }
    )
    result = health.crawl(["/"], fetch, site_hosts=SITE)
    findings = health.link_findings(result)
    assert {(f.kind, f.path, f.target) for f in findings} == {
        (health.DEAD_LINK, "/", "/gone/"),
        (health.DEAD_LINK, "/a/", "/gone/"),
    }
    assert all(count == 1 for count in fetched.values())  # each page fetched once


def test_links_not_followed_are_still_checked_within_the_budget():
    fetch, _ = _site({"/": "<a href='/admin/'>a</a><a href='/ok/'>ok</a>", "/ok/": "ok"})
    probed = []

    def probe(path):
        probed.append(path)
        return 404 if path == "/admin/" else 200

    result = health.crawl(
        ["/"], fetch, probe=probe, follow=lambda p: not p.startswith("/admin"), max_pages=5
    )
    assert [page.path for page in result.pages] == ["/", "/ok/"]
    assert probed == ["/admin/"]
    assert [f.target for f in health.link_findings(result)] == ["/admin/"]


def test_the_page_budget_bounds_the_crawl():
    pages = {f"/{n}/": f"<a href='/{n + 1}/'>next</a>" for n in range(50)}
    fetch, fetched = _site(pages)
    result = health.crawl(["/0/"], fetch, max_pages=10)
    assert len(result.pages) == 10
    assert sum(fetched.values()) <= 20


def test_personal_data_size_and_time_on_a_page():
    page = health.Page(
        "/documents/7/", 200, 2_000_000, 4_000.0, text="联系人身份证号 110101199003077571。"
    )
    kinds = [f.kind for f in health.page_findings(page, health.Budget(), today=TODAY)]
    assert kinds == [health.PERSONAL_DATA, health.OVERSIZED_PAGE, health.SLOW_PAGE]
    clean = health.Page("/documents/8/", 200, 10_000, 50.0, text="办公电话 0851-85551234")
    assert list(health.page_findings(clean, health.Budget(), today=TODAY)) == []


def test_broken_statuses():
    assert [s for s in (0, 200, 301, 403, 404, 410, 500, 503) if health.is_broken(s)] == [
        0,
        404,
        410,
        500,
        503,
    ]


def test_columns_news_in_two_weeks_others_in_six_months():
    assert health.default_max_age("工作动态") == 14
    assert health.default_max_age("政策文件") == 183
    columns = [
        Column("kind:1", "工作动态", TODAY - dt.timedelta(days=15), 3, 14),
        Column("kind:2", "通知", TODAY - dt.timedelta(days=15), 3, 183),
        Column("topic:1", "教育", None, 0, 183),
    ]
    findings = health.column_findings(columns, TODAY)
    assert [(f.kind, f.path) for f in findings] == [
        (health.STALE_COLUMN, "kind:1"),
        (health.EMPTY_COLUMN, "topic:1"),
    ]


def _vetoes(findings, home_newest=TODAY, home_status=200):
    return health.veto_items(
        findings, home_status=home_status, home_newest=home_newest, today=TODAY
    )


def test_veto_items():
    assert _vetoes([]) == []
    assert _vetoes([], home_newest=TODAY - dt.timedelta(days=15)) == [health.VETO_HOME_NOT_UPDATED]
    assert health.VETO_UNREACHABLE in _vetoes([], home_status=500)
    four = [Finding(health.STALE_COLUMN, f"kind:{n}") for n in range(4)]
    assert _vetoes(four) == []
    assert _vetoes([*four, Finding(health.STALE_COLUMN, "kind:9")]) == [
        health.VETO_COLUMNS_NOT_UPDATED
    ]
    assert _vetoes([Finding(health.EMPTY_COLUMN, f"topic:{n}") for n in range(5)]) == [
        health.VETO_COLUMNS_NOT_UPDATED
    ]
    assert _vetoes([Finding(health.PERSONAL_DATA, "/documents/1/")]) == [health.VETO_LEAK]


urls = st.builds(
    lambda host, n: f"https://{host}.example/{n}",
    st.sampled_from(["a", "b", "c", "d"]),
    st.integers(0, 60),
)


@given(st.lists(urls, max_size=200), st.integers(1, 10), st.integers(0, 50))
def test_external_plan_is_polite(found, per_host, total):
    planned = health.plan_external_checks(found, per_host=per_host, total=total)
    hosts = Counter(url.split("/")[2] for url in planned)
    assert len(planned) == len(set(planned)) <= total
    assert all(count <= per_host for count in hosts.values())
    assert set(planned) <= set(found)
    # Nothing left out while budget remains: every host is either exhausted or at its cap.
    if len(planned) < total:
        for host in {url.split("/")[2] for url in found}:
            available = len({url for url in found if url.split("/")[2] == host})
            assert hosts[host] == min(available, per_host)
