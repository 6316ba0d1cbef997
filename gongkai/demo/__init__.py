"""Demo data for `gongkai demo` and `make run`: a 高新区's departments, one user per role with a
well-known password, a policy library written for the demo (published, withdrawn, repealed,
amended, and drafts waiting in the sign-off workflow), and a year of work (disclosure requests,
the seed's plan in 执行公开, last year's annual report, 行政执法公示 and 政策通; see
``activity``). Idempotent: a second run adds nothing and resets the demo passwords. Never run
it on a production site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.db import transaction

from gongkai.demo.library import DOCUMENTS, SEED_KEY, DocSpec
from gongkai.demo.organisation import (
    DemoLogin,
    build_departments,
    build_kinds,
    build_staff,
    build_topics,
    with_second_factors,
)

SEED_FILE = "000_8a1ce8f3cd3cb75f.txt"
# The plan's task areas: (一)聚焦中心工作,加大政策解读和回应关切力度 (a heading, not a sentence).
_TASK_HEADING = re.compile(r"^[(（][一二三四五六七八九十]+[)）](?P<heading>[^。]{4,40})$")


@dataclass(frozen=True)
class DemoResult:
    created: int
    existing: int
    public: int
    indexed: int
    logins: list[DemoLogin]
    activity: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        added = self.activity
        return (
            f"演示数据：新建文件 {self.created} 件，已有 {self.existing} 件，公开 {self.public} 件，"
            f"检索索引 {self.indexed} 件；新增依申请公开 {added.get('requests', 0)} 件、"
            f"执行公开方案 {added.get('plans', 0)} 个、年度报告 {added.get('reports', 0)} 份、"
            f"行政执法公示 {added.get('enforcement', 0)} 部分、政策通 {added.get('enterprise', 0)} 部分、"
            f"办事指南和证明事项 {added.get('services', 0)} 项、公众参与 {added.get('participation', 0)} 部分。\n"
            f"Demo data: {self.created} documents created, {self.existing} already there, "
            f"{self.public} public, {self.indexed} in the search index; added "
            f"{added.get('requests', 0)} disclosure requests, {added.get('plans', 0)} plans, "
            f"{added.get('reports', 0)} annual reports, {added.get('enforcement', 0)} parts of "
            f"enforcement publicity, {added.get('enterprise', 0)} of 政策通, "
            f"{added.get('services', 0)} service guides and certificate items, "
            f"{added.get('participation', 0)} parts of public participation."
        )


def default_seed_dir() -> Path:
    """../shared/seed beside the repository (absent in an installed package: then no seed)."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "seed"


def build_demo(
    *, seed_dir: Path | str | None = None, log: Callable[[str], None] = print
) -> DemoResult:
    """Build (or complete) the demo in one transaction, then rebuild the search index."""
    from django.utils import timezone

    from gongkai.demo.activity import build_activity
    from gongkai.demo.builder import LibraryBuilder
    from gongkai.documents.selectors import public_documents
    from gongkai.search.services import search_index_rebuild

    specs = list(DOCUMENTS)
    seed = seed_spec(Path(seed_dir) / SEED_FILE) if seed_dir else None
    if seed:
        specs.append(seed)
    else:
        log(f"未找到种子文件，跳过。Seed document not found in {seed_dir}; skipped.")
    with transaction.atomic():
        departments = build_departments()
        users, logins = build_staff(departments)
        logins = with_second_factors(users, logins)
        builder = LibraryBuilder(departments, build_kinds(), build_topics(), users)
        for spec in sorted(specs, key=lambda spec: spec.published or spec.written):
            builder.add(spec)
        activity = build_activity(
            departments=departments,
            users=users,
            seed_document=builder.documents.get(SEED_KEY),
            today=timezone.localdate(),
        )
    log("正在重建检索索引…… Rebuilding the search index...")
    indexed = search_index_rebuild()
    return DemoResult(
        created=builder.created,
        existing=len(specs) - builder.created,
        public=public_documents().count(),
        indexed=indexed,
        logins=logins,
        activity=activity,
    )


def seed_spec(path: Path) -> DocSpec | None:
    """The seed document (a notice issuing the 2019 openness plan) as read by the import
    extractor, or None when the file is absent."""
    if not path.is_file():
        return None
    from gongkai.documents.extraction.metadata import extract_metadata

    meta = extract_metadata(path.read_text(encoding="utf-8"))
    lines = [line.strip() for line in meta.body.splitlines() if line.strip()]
    intro = next((line for line in lines if line.startswith("为")), lines[0])
    headings = [m["heading"] for line in lines if (m := _TASK_HEADING.match(line))]
    return DocSpec(
        key=SEED_KEY,
        department="dzb",
        kind="通知",
        number=meta.doc_number or "",
        title=meta.title or path.stem,
        written=meta.written_on.isoformat(),
        published=meta.published_on.isoformat(),
        topics=("openness", "disclosure", "interpretation"),
        keywords="政务公开 实施方案 政策解读 依申请公开",
        intro=intro,
        points=tuple(headings),
        closing="",
        recipients=meta.recipients_text or "",
        summary=intro,
        body_html="".join(f"<p>{escape(line)}</p>" for line in lines),
        source=meta.source or "",
    )
