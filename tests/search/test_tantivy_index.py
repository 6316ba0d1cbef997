"""What only the tantivy backend has: index files on disk, generations, one writer."""

import pytest

from gongkai.search.backends.base import IndexUnavailable
from gongkai.search.backends.tantivy_backend import CURRENT_FILE, TantivyBackend
from gongkai.search.types import SearchQuery


class RebuildRequests:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture
def requests_():
    return RebuildRequests()


@pytest.fixture
def index_dir(tmp_path):
    return tmp_path / "index"


def generation_dirs(index_dir):
    return sorted(entry for entry in index_dir.iterdir() if entry.is_dir())


def test_missing_index_answers_empty_and_asks_for_a_rebuild(index_dir, requests_, corpus):
    backend = TantivyBackend(index_dir, on_unavailable=requests_)
    results = backend.search(SearchQuery(text="政务公开"))
    assert (results.total, results.hits, requests_.count) == (0, [], 1)
    assert backend.count() == 0
    backend.rebuild([corpus])
    assert backend.search(SearchQuery(text="政务公开")).total == 2


def test_damaged_index_answers_empty_and_asks_for_a_rebuild(index_dir, requests_, corpus):
    backend = TantivyBackend(index_dir, on_unavailable=requests_)
    backend.rebuild([corpus])
    (generation,) = generation_dirs(index_dir)
    (generation / "meta.json").write_text("{not json")
    fresh = TantivyBackend(index_dir, on_unavailable=requests_)
    assert fresh.search(SearchQuery(text="政务公开")).total == 0
    assert requests_.count == 1
    fresh.rebuild([corpus])
    assert fresh.search(SearchQuery(text="政务公开")).total == 2


def test_deleted_generation_counts_as_missing(index_dir, requests_, corpus):
    backend = TantivyBackend(index_dir, on_unavailable=requests_)
    backend.rebuild([corpus])
    for generation in generation_dirs(index_dir):
        for path in generation.iterdir():
            path.unlink()
        generation.rmdir()
    assert backend.search(SearchQuery(text="政务公开")).total == 0
    assert requests_.count == 1


def test_writes_to_a_missing_index_refuse_so_the_caller_rebuilds(index_dir, corpus):
    backend = TantivyBackend(index_dir)
    with pytest.raises(IndexUnavailable):
        backend.index_documents(corpus[:1])
    with pytest.raises(IndexUnavailable):
        backend.delete_documents([1])


def test_a_reader_in_another_process_sees_commits_and_rebuilds(index_dir, corpus):
    writer, reader = TantivyBackend(index_dir), TantivyBackend(index_dir)
    writer.rebuild([corpus[:1]])
    assert reader.count() == 1
    writer.index_documents(corpus[1:3])
    assert reader.count() == 3
    writer.rebuild([corpus])
    assert reader.count() == len(corpus)
    writer.delete_documents([1])
    assert reader.count() == len(corpus) - 1


def test_rebuild_switches_generation_and_removes_the_old_one(index_dir, corpus):
    backend = TantivyBackend(index_dir)
    backend.rebuild([corpus[:2]])
    (first,) = generation_dirs(index_dir)
    backend.rebuild([corpus])
    (second,) = generation_dirs(index_dir)
    assert first != second
    assert (index_dir / CURRENT_FILE).read_text() == second.name


def test_failed_rebuild_keeps_the_live_index(index_dir, corpus):
    backend = TantivyBackend(index_dir)
    backend.rebuild([corpus])

    def batches():
        yield corpus[:2]
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        backend.rebuild(batches())
    assert backend.count() == len(corpus)
    assert len(generation_dirs(index_dir)) == 1


def test_index_from_an_older_schema_counts_as_missing(index_dir, requests_, corpus):
    backend = TantivyBackend(index_dir, on_unavailable=requests_)
    backend.rebuild([corpus])
    (index_dir / CURRENT_FILE).write_text("v0-1")
    assert backend.search(SearchQuery(text="政务公开")).total == 0
    assert requests_.count == 1
