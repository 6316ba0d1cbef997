"""Changes to the search index. Run in the worker or the CLI only: tantivy allows one
writer, and the database (through the search source) is always what gets written."""

from __future__ import annotations

import logging

from gongkai.search import get_backend, source
from gongkai.search.backends.base import IndexUnavailable, Progress

logger = logging.getLogger(__name__)

REBUILD_BATCH_SIZE = 500


def search_index_refresh(*, document_ids: list[int]) -> dict[str, int]:
    """Index the documents that are public, remove the others (withdrawn, deleted, ...).
    A missing or damaged index is rebuilt from the database instead."""
    loaded = source.load(list(document_ids))
    public = [doc for doc in loaded.values() if doc is not None]
    gone = [doc_id for doc_id in document_ids if loaded.get(doc_id) is None]
    backend = get_backend()
    try:
        if public:
            backend.index_documents(public)
        if gone:
            backend.delete_documents(gone)
    except IndexUnavailable as error:
        logger.warning("search index unavailable (%s): rebuilding from the database", error)
        return {"rebuilt": search_index_rebuild()}
    return {"indexed": len(public), "deleted": len(gone)}


def search_index_rebuild(
    *, progress: Progress | None = None, batch_size: int = REBUILD_BATCH_SIZE
) -> int:
    """Rebuild the whole index from the database; returns the number of documents."""
    return get_backend().rebuild(source.iter_all(batch_size), progress)
