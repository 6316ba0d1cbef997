import sys
import types
from datetime import date

import pytest

from gongkai.search.types import IndexedDocument

FAKE_SOURCE = "gongkai_tests_fake_search_source"


def document(id: int, title: str, **fields) -> IndexedDocument:
    fields.setdefault("published_on", date(2019, 1, id))
    return IndexedDocument(id=id, title=title, **fields)


CORPUS = [
    document(
        1,
        "贵阳国家高新区2019年政务公开工作实施方案的通知",
        doc_number="筑高新办函〔2019〕23号",
        doc_number_key="筑高新办函[2019]23号",
        summary="全面推进政务公开工作。",
        body="为深入贯彻落实政务公开工作要点，结合实际，特制定本实施方案。",
        department_ids=[1],
        department_names=["党政办公室"],
        year=2019,
        doc_type="通知",
        topic_ids=[10, 11],
        validity="有效",
        disclosure="主动公开",
    ),
    document(
        2,
        "关于优化营商环境的意见",
        body="2019年共推出23项措施，每月23号前报送，2019年底前完成，政务公开同步推进。",
        department_ids=[2],
        year=2020,
        doc_type="意见",
        topic_ids=[10],
        validity="有效",
        disclosure="主动公开",
    ),
    document(
        3,
        "<script>alert(1)</script>专精特新企业扶持办法",
        body="扶持专精特新企业发展。",
        keywords=["专精特新", "中小企业"],
        department_ids=[1, 2],
        year=2021,
        doc_type="办法",
        topic_ids=[12],
        validity="已废止",
        disclosure="依申请公开",
    ),
    document(
        4,
        "行政执法公示制度",
        doc_number="筑高新发〔2019〕23号",
        body="推行双随机一公开监管。",
        department_ids=[3],
        year=2019,
        doc_type="通知",
        topic_ids=[11],
        validity="有效",
        disclosure="主动公开",
    ),
    document(5, "夜间照明管理规定", body="公园里的萤火虫保护措施。", year=2022, doc_type="规定"),
    document(6, "数据安全管理办法", body="规范管理。", year=2022, doc_type="办法"),
    document(
        7,
        "信息化建设方案",
        body="数据安全。加强数据安全。确保数据安全。",
        year=2022,
        doc_type="方案",
    ),
]


@pytest.fixture
def corpus() -> list[IndexedDocument]:
    """Seven public documents: titles, numbers, bodies and filter values the tests rely on."""
    return list(CORPUS)


class FakeSource:
    """Stands in for gongkai.documents.search_source: public documents by id."""

    def __init__(self) -> None:
        self.documents: dict[int, IndexedDocument] = {}

    def load(self, ids: list[int]) -> dict[int, IndexedDocument | None]:
        return {doc_id: self.documents.get(doc_id) for doc_id in ids}

    def iter_all(self, batch_size: int):
        docs = sorted(self.documents.values(), key=lambda doc: doc.id)
        for start in range(0, len(docs), batch_size):
            yield docs[start : start + batch_size]

    def count_all(self) -> int:
        return len(self.documents)


@pytest.fixture
def fake_source(settings, tmp_path):
    """settings.SEARCH_SOURCE points at a fresh fake module; the tantivy index is in tmp_path."""
    from django.core.cache import cache

    fake = FakeSource()
    module = types.ModuleType(FAKE_SOURCE)
    module.load, module.iter_all, module.count_all = fake.load, fake.iter_all, fake.count_all
    sys.modules[FAKE_SOURCE] = module
    settings.SEARCH_SOURCE = FAKE_SOURCE
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    cache.clear()
    yield fake
    del sys.modules[FAKE_SOURCE]
