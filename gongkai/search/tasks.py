"""Background jobs of the search app (django-tasks; run by `gongkai worker`)."""

from django_tasks import task

from gongkai.search.services import search_index_rebuild, search_index_refresh


@task()
def refresh_documents(document_ids: list[int]) -> dict[str, int]:
    """Bring the index up to date for these documents (enqueue in transaction.on_commit)."""
    return search_index_refresh(document_ids=document_ids)


@task()
def rebuild_index() -> int:
    """Rebuild the whole index from the database."""
    return search_index_rebuild()
