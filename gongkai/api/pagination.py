"""Paging of every list: ``limit`` with ``offset`` or ``page``; the answer carries ``total``
and the URLs of the next and previous pages.

Written here rather than with ninja's ``@paginate`` because a list also answers as CSV
(``format=csv``) from the same view, which ninja's paginators cannot pass through.
"""

from collections.abc import Sequence
from typing import Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Far beyond any real list, and small enough that no database errs on the OFFSET.
MAX_OFFSET = 10**8

T = TypeVar("T")


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="每页条数 items per page")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="跳过的条数 items to skip")
    page: int | None = Field(
        None,
        ge=1,
        le=MAX_OFFSET // MAX_LIMIT,
        description="页码（给出时代替 offset）page number; replaces offset when given",
    )

    @property
    def start(self) -> int:
        return (self.page - 1) * self.limit if self.page else self.offset


class Page(Schema, Generic[T]):
    total: int = Field(description="符合条件的总数 number of matching items")
    limit: int
    offset: int
    next: str | None = Field(description="下一页地址 URL of the next page")
    previous: str | None = Field(description="上一页地址 URL of the previous page")
    items: list[T]


def paginate(request: HttpRequest, items: QuerySet | Sequence, params: PageParams) -> dict:
    """One page of ``items`` (a queryset is counted and sliced in the database)."""
    total = items.count() if isinstance(items, QuerySet) else len(items)
    start = params.start
    page_items = list(items[start : start + params.limit])
    has_next = start + params.limit < total
    has_previous = start > 0 and total > 0
    return {
        "total": total,
        "limit": params.limit,
        "offset": start,
        "next": _page_url(request, params, start + params.limit) if has_next else None,
        "previous": _page_url(request, params, max(start - params.limit, 0))
        if has_previous
        else None,
        "items": page_items,
    }


def _page_url(request: HttpRequest, params: PageParams, start: int) -> str:
    """The same request with the page moved, keeping the caller's style (page or offset)."""
    query = request.GET.copy()
    if params.page:
        query["page"] = str(start // params.limit + 1)
        query.pop("offset", None)
    else:
        query["offset"] = str(start)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
