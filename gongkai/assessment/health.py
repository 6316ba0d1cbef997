"""Website self-check rules (网站自查): pure functions over the pages of a crawl.

The rules follow 国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》 (shared/spec/regulations.md
§6.2): dead links, columns not updated within their rule (动态/要闻 2 weeks, 通知公告/政策文件
6 months), 空白栏目, pages showing personal data, pages over a size or time budget; and the
single-veto items (单项否决) those findings trigger: 首页不更新 (2 weeks), 栏目不更新 (5 or more
stale columns, or 5 or more empty ones), 站点无法访问 and 安全、泄密 (personal data published).

No Django here: the crawl takes a ``fetch`` callable, so the rules are tested on their own.
Hand-written because the rules are the national indicators', which no link checker knows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html

from gongkai.core.pii import find_personal_data

DEAD_LINK = "dead_link"
EXTERNAL_DEAD_LINK = "external_dead_link"
PAGE_ERROR = "page_error"
PERSONAL_DATA = "personal_data"
STALE_COLUMN = "stale_column"
EMPTY_COLUMN = "empty_column"
DOCUMENT_PROBLEM = "document_problem"
OVERSIZED_PAGE = "oversized_page"
SLOW_PAGE = "slow_page"

# 单项否决 items, by the wording of the indicators.
VETO_HOME_NOT_UPDATED = "home_not_updated"
VETO_COLUMNS_NOT_UPDATED = "columns_not_updated"
VETO_UNREACHABLE = "unreachable"
VETO_LEAK = "leak"

HOME_MAX_AGE_DAYS = 14
NEWS_MAX_AGE_DAYS = 14
OTHER_MAX_AGE_DAYS = 183
STALE_COLUMNS_FOR_VETO = 5
EMPTY_COLUMNS_FOR_VETO = 5
_NEWS_WORDS = ("动态", "要闻", "新闻")
_SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:")
_LINK_ATTRIBUTES = {"a": "href", "img": "src", "iframe": "src", "source": "src", "embed": "src"}


@dataclass(frozen=True)
class Response:
    """What ``fetch`` returns for one URL."""

    status: int
    content_type: str = ""
    body: bytes = b""
    elapsed_ms: float = 0.0


@dataclass(frozen=True)
class Page:
    """One crawled page of the site."""

    path: str
    status: int
    size: int
    elapsed_ms: float
    links: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Finding:
    kind: str
    path: str
    detail: str = ""
    target: str = ""


@dataclass(frozen=True)
class Column:
    """A column (栏目) of the portal: its newest item and how many it holds."""

    key: str
    label: str
    newest: dt.date | None
    count: int
    max_age_days: int


@dataclass(frozen=True)
class Budget:
    max_bytes: int = 1_500_000
    max_ms: float = 3_000.0


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    # Every link seen, with the pages it was found on.
    found_on: dict[str, list[str]] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def external_links(self) -> list[str]:
        return [url for url in self.found_on if urlsplit(url).scheme in ("http", "https")]


def default_max_age(label: str) -> int:
    """动态/要闻 columns are stale after 2 weeks, every other column after 6 months."""
    return NEWS_MAX_AGE_DAYS if any(word in label for word in _NEWS_WORDS) else OTHER_MAX_AGE_DAYS


def link_target(page_path: str, href: str, site_hosts: Iterable[str]) -> str | None:
    """Where ``href`` on ``page_path`` leads: a site path ("/documents/1/"), an absolute
    external URL, or None for what is not a checkable link (mail, phone, script, anchors)."""
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith(_SKIPPED_SCHEMES):
        return None
    absolute, _fragment = urldefrag(urljoin(f"http://site{page_path}", href))
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https"):
        return None
    if parts.netloc == "site" or parts.hostname in set(site_hosts):
        return parts.path + (f"?{parts.query}" if parts.query else "")
    return absolute


def page_links(html: bytes | str) -> list[str]:
    """The link targets (href/src) of a page, in document order."""
    if not html:
        return []
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    links = []
    for element in tree.iter(*_LINK_ATTRIBUTES):
        value = element.get(_LINK_ATTRIBUTES[element.tag])
        if value:
            links.append(value)
    return links


def page_text(html: bytes | str) -> str:
    """The readable text of a page's main content (the whole body when it has no <main>)."""
    if not html:
        return ""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for element in tree.iter("script", "style", "noscript"):
        element.drop_tree()
    main = tree.find(".//main")
    # Pieces joined by spaces: numbers in two cells must not read as one (a false ID number).
    return " ".join(" ".join((main if main is not None else tree).itertext()).split())


def crawl(
    start: Iterable[str],
    fetch: Callable[[str], Response],
    *,
    site_hosts: Iterable[str] = (),
    max_pages: int = 2_000,
    follow: Callable[[str], bool] = lambda path: True,
    probe: Callable[[str], int] | None = None,
) -> Crawl:
    """Breadth-first over the site's own pages from ``start``, at most ``max_pages`` fetched;
    internal links that are not followed (``follow`` says no, or the budget ran out) are still
    fetched once to learn their status (up to ``max_pages`` more, through ``probe`` when given,
    e.g. a HEAD request), so a dead link is not missed for being deep."""
    hosts = tuple(site_hosts)
    result = Crawl()
    queue = deque(dict.fromkeys(start))
    seen = set(queue)
    while queue and len(result.pages) < max_pages:
        path = queue.popleft()
        response = fetch(path)
        result.statuses[path] = response.status
        if not _is_html(response):
            continue
        links = []
        for href in page_links(response.body):
            target = link_target(path, href, hosts)
            if target is None:
                continue
            links.append(target)
            result.found_on.setdefault(target, []).append(path)
            if target.startswith("/") and target not in seen and follow(target):
                seen.add(target)
                queue.append(target)
        result.pages.append(
            Page(
                path=path,
                status=response.status,
                size=len(response.body),
                elapsed_ms=response.elapsed_ms,
                links=tuple(links),
                text=page_text(response.body),
            )
        )
    unvisited = [t for t in result.found_on if t.startswith("/") and t not in result.statuses]
    for target in unvisited[:max_pages]:
        result.statuses[target] = probe(target) if probe else fetch(target).status
    return result


def _is_html(response: Response) -> bool:
    return response.status == 200 and "html" in response.content_type


def link_findings(result: Crawl, external_statuses: dict[str, int] | None = None) -> list[Finding]:
    """A finding for each page that links to a missing or failing target (one per page and
    target); external links only when their statuses were checked."""
    external_statuses = external_statuses or {}
    findings = []
    for target, pages in result.found_on.items():
        if target.startswith("/"):
            status, kind = result.statuses.get(target), DEAD_LINK
        else:
            status, kind = external_statuses.get(target), EXTERNAL_DEAD_LINK
        if status is None or not is_broken(status):
            continue
        for page in dict.fromkeys(pages):
            findings.append(Finding(kind, page, detail=str(status), target=target))
    return findings


def is_broken(status: int) -> bool:
    """404, 410, server errors and unreachable (0) are broken; redirects and 403 are not:
    a login page or a moved page still answers the visitor."""
    return status == 0 or status in (404, 410) or status >= 500


def page_findings(page: Page, budget: Budget, *, today: dt.date | None = None) -> Iterator[Finding]:
    """Personal data shown on a public page, and pages over the size or time budget."""
    for match in find_personal_data(page.text, today=today):
        yield Finding(PERSONAL_DATA, page.path, detail=match.kind, target=match.masked)
    if page.size > budget.max_bytes:
        yield Finding(OVERSIZED_PAGE, page.path, detail=str(page.size))
    if page.elapsed_ms > budget.max_ms:
        yield Finding(SLOW_PAGE, page.path, detail=f"{page.elapsed_ms:.0f}")


def error_findings(result: Crawl) -> list[Finding]:
    """Pages of the site that answer with a server error."""
    return [
        Finding(PAGE_ERROR, path, detail=str(status))
        for path, status in result.statuses.items()
        if status >= 500 or status == 0
    ]


def column_findings(columns: Iterable[Column], today: dt.date) -> list[Finding]:
    findings = []
    for column in columns:
        if column.count == 0:
            findings.append(Finding(EMPTY_COLUMN, column.key, detail=column.label))
        elif column.newest is None or (today - column.newest).days > column.max_age_days:
            age = "" if column.newest is None else str((today - column.newest).days)
            findings.append(Finding(STALE_COLUMN, column.key, detail=column.label, target=age))
    return findings


def veto_items(
    findings: Iterable[Finding], *, home_status: int, home_newest: dt.date | None, today: dt.date
) -> list[str]:
    """The single-veto items (单项否决) the findings trigger; any one makes the site 不合格."""
    counts = Counter(finding.kind for finding in findings)
    vetoes = []
    if home_status != 200:
        vetoes.append(VETO_UNREACHABLE)
    if home_newest is None or (today - home_newest).days > HOME_MAX_AGE_DAYS:
        vetoes.append(VETO_HOME_NOT_UPDATED)
    if (
        counts[STALE_COLUMN] >= STALE_COLUMNS_FOR_VETO
        or counts[EMPTY_COLUMN] >= EMPTY_COLUMNS_FOR_VETO
    ):
        vetoes.append(VETO_COLUMNS_NOT_UPDATED)
    if counts[PERSONAL_DATA]:
        vetoes.append(VETO_LEAK)
    return vetoes


def plan_external_checks(urls: Iterable[str], *, per_host: int = 20, total: int = 200) -> list[str]:
    """The external links to check this run, politely: at most ``per_host`` per host and
    ``total`` in all, hosts taken in turn so one big site does not use up the budget."""
    by_host: dict[str, deque[str]] = {}
    for url in dict.fromkeys(urls):
        by_host.setdefault(urlsplit(url).hostname or "", deque()).append(url)
    taken: Counter[str] = Counter()
    planned: list[str] = []
    while len(planned) < total and by_host:
        for host in list(by_host):
            queue = by_host[host]
            if not queue or taken[host] >= per_host:
                del by_host[host]
                continue
            planned.append(queue.popleft())
            taken[host] += 1
            if len(planned) >= total:
                break
    return planned
