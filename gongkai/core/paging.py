"""A paginator for long public lists: it counts rows only a few pages past the page asked for,
so a page costs about the same at a thousand matching rows as at a million (a plain Paginator
counts every matching row on every view)."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class BoundedPaginator(Paginator):
    """Counts at most ``ahead`` pages past page ``number`` (the one about to be shown).
    That page and every page before it are those of a plain Paginator and "next" is offered
    while rows remain; ``more`` says the list goes on past the pages counted ("3 / 13+")."""

    def __init__(self, object_list, per_page, *, number: int | None, ahead: int = 10, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = (max(number or 1, 1) + ahead) * self.per_page

    @cached_property
    def _counted(self) -> int:
        return self.object_list[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.limit)

    @property
    def more(self) -> bool:
        return self._counted > self.limit
