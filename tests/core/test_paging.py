"""BoundedPaginator: the page asked for, and every page before it, are a plain Paginator's;
only the count stops a few pages ahead."""

import pytest
from django.core.paginator import Paginator

from gongkai.core.models import Department
from gongkai.core.paging import BoundedPaginator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [0, 1, 8, 9, 25])
def test_every_page_is_a_plain_paginators_and_the_count_stops_ahead(rows):
    Department.objects.bulk_create(
        Department(name=f"部门{i:02}", code=f"p{i:02}") for i in range(rows)
    )
    departments = Department.objects.filter(code__startswith="p").order_by("code")
    plain = Paginator(departments, 2)
    for number in range(1, plain.num_pages + 2):
        bounded = BoundedPaginator(departments, 2, number=number, ahead=3)
        page, expected = bounded.get_page(number), plain.get_page(number)
        assert (page.number, list(page), page.has_next()) == (
            expected.number,
            list(expected),
            expected.has_next(),
        )
        counted = min(rows, (number + 3) * 2)
        assert (bounded.count, bounded.more) == (counted, rows > counted)


def test_a_missing_or_wrong_page_number_counts_from_the_first_page():
    Department.objects.bulk_create(
        Department(name=f"部门{i:02}", code=f"p{i:02}") for i in range(30)
    )
    departments = Department.objects.filter(code__startswith="p").order_by("code")
    for number in (None, 0, -4):
        bounded = BoundedPaginator(departments, 2, number=number, ahead=3)
        assert (bounded.count, bounded.num_pages, bounded.more) == (8, 4, True)
    assert BoundedPaginator(departments, 2, number=None, ahead=3).get_page(None).number == 1
