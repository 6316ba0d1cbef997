"""Keeping the index in step with the database: refresh, rebuild, reindex, get_backend."""

import dataclasses
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks import default_task_backend

from gongkai.search import get_backend
from gongkai.search.backends.tantivy_backend import TantivyBackend
from gongkai.search.services import search_index_rebuild, search_index_refresh
from gongkai.search.tasks import rebuild_index, refresh_documents
from gongkai.search.types import SearchQuery


@pytest.fixture
def published(fake_source, corpus):
    fake_source.documents = {doc.id: doc for doc in corpus}
    return fake_source


def found(text):
    return [hit.id for hit in get_backend().search(SearchQuery(text=text)).hits]


def test_get_backend_follows_settings(settings, tmp_path):
    settings.SEARCH_BACKEND = "tantivy"
    settings.SEARCH_INDEX_DIR = tmp_path / "a"
    backend = get_backend()
    assert isinstance(backend, TantivyBackend) and backend.root == tmp_path / "a"
    assert get_backend() is backend
    settings.SEARCH_BACKEND = "elasticsearch"
    with pytest.raises(ImproperlyConfigured):
        get_backend()


def test_rebuild_indexes_every_public_document(published, corpus):
    assert search_index_rebuild(batch_size=3) == len(corpus)
    assert found("萤火虫") == [5]


def test_refresh_indexes_changes_and_removes_documents_no_longer_public(published, corpus):
    search_index_rebuild()
    published.documents[5] = dataclasses.replace(corpus[4], title="路灯节能办法")
    del published.documents[6]
    assert search_index_refresh(document_ids=[5, 6]) == {"indexed": 1, "deleted": 1}
    assert found("路灯") == [5]
    assert found("数据安全") == [7]


def test_refresh_with_no_index_rebuilds_from_the_database(published, corpus):
    assert search_index_refresh(document_ids=[1]) == {"rebuilt": len(corpus)}
    assert get_backend().count() == len(corpus)


def test_tasks_call_the_services(published, corpus, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert rebuild_index.enqueue().return_value == len(corpus)
    del published.documents[1]
    assert refresh_documents.enqueue([1]).return_value == {"indexed": 0, "deleted": 1}


def test_a_search_on_a_missing_index_enqueues_one_rebuild(published):
    for _ in range(3):
        assert get_backend().search(SearchQuery(text="政务公开")).total == 0
    assert [result.task.name for result in default_task_backend.results] == ["rebuild_index"]


def test_reindex_command(published, corpus, capsys):
    call_command("reindex", "--batch-size", "2")
    assert f"Reindexed {len(corpus)} documents" in capsys.readouterr().out
    assert get_backend().count() == len(corpus)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stderr", "options", "drawn"),
    [(Terminal(), [], True), (Terminal(), ["--quiet"], False), (io.StringIO(), [], False)],
    ids=["terminal", "quiet", "piped"],
)
def test_reindex_progress_bar_only_on_a_terminal(published, corpus, stderr, options, drawn):
    out = io.StringIO()
    call_command("reindex", "--batch-size", "2", *options, stdout=out, stderr=stderr)
    bar = stderr.getvalue()
    assert (f"{len(corpus)}/{len(corpus)}" in bar and "doc/s" in bar) is drawn
    assert bar if drawn else bar == ""
    assert f"Reindexed {len(corpus)} documents" in out.getvalue()
