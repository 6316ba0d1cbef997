"""The search page's filter choices (发文机关, 年份, 公文种类, 主题分类) are kept in the shared cache:
each change they depend on shows on the next page, and a warm cache costs no query."""

from datetime import date

import pytest
from bs4 import BeautifulSoup

from gongkai.portal.selectors import filter_options
from tests import factories

pytestmark = pytest.mark.django_db


def choices(client, name: str) -> list[str]:
    """The labels of the search form's ``name`` choices, after "all"."""
    response = client.get("/search/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    options = page.select(f"select[name={name}] option")
    return [option.get_text(strip=True) for option in options if option.get("value")]


@pytest.fixture
def finance(db):
    department = factories.make_department(name="财政局")
    document = factories.make_document(
        department=department, published_on=date(2024, 5, 6), doc_type=factories.make_kind()
    )
    return department, document


def test_a_year_appears_once_a_document_of_that_year_is_published(client, finance):
    department, document = finance
    assert choices(client, "year") == ["2024"]
    factories.make_document(
        department=department, doc_type=document.doc_type, published_on=date(2025, 1, 8)
    )
    assert choices(client, "year") == ["2025", "2024"]


def test_a_department_goes_once_its_only_public_document_is_withdrawn(client, finance):
    department, document = finance
    other = factories.make_department(name="审计局")
    factories.make_document(department=other)
    assert sorted(choices(client, "department")) == ["审计局", "财政局"]
    factories.withdraw_document(document)
    assert choices(client, "department") == ["审计局"]


def test_a_department_goes_once_its_only_public_document_is_unpublished(client, finance):
    department, document = finance
    factories.make_document(department=factories.make_department(name="审计局"))
    choices(client, "department")
    document.unpublish()
    assert choices(client, "department") == ["审计局"]


def test_a_live_document_republished_under_another_department_and_kind(client, finance):
    department, document = finance
    statistics = factories.make_department(name="统计局")
    notice = factories.make_kind(name="公告")
    assert choices(client, "department") == ["财政局"]
    assert choices(client, "doc_type") == ["通知"]
    document.department, document.doc_type = statistics, notice
    document.issuers.set([statistics])
    document.save()
    factories.publish_object(document)
    assert choices(client, "department") == ["统计局"]
    assert choices(client, "doc_type") == ["公告"]


def test_a_renamed_department_kind_or_topic_shows_its_new_name(client, finance):
    department, document = finance
    topic = factories.make_topic(name="财政")
    assert choices(client, "department") == ["财政局"]
    assert choices(client, "topic") == ["财政"]
    department.name = "区财政局"
    department.save()
    document.doc_type.name = "通告"
    document.doc_type.save()
    topic.name = "财政预算"
    topic.save()
    assert choices(client, "department") == ["区财政局"]
    assert choices(client, "doc_type") == ["通告"]
    assert choices(client, "topic") == ["财政预算"]


def test_a_deleted_topic_goes(client, finance):
    topic = factories.make_topic(name="财政")
    assert choices(client, "topic") == ["财政"]
    topic.delete()
    assert choices(client, "topic") == []


def test_a_deleted_live_document_takes_its_department_and_year(client, finance):
    department, document = finance
    assert choices(client, "department") == ["财政局"]
    assert document.title in client.get("/documents/").content.decode()
    document.delete()
    assert choices(client, "department") == []
    assert choices(client, "year") == []
    assert document.title not in client.get("/documents/").content.decode()


def test_a_warm_cache_costs_no_query(finance, django_assert_num_queries):
    with django_assert_num_queries(4):
        built = filter_options()
    with django_assert_num_queries(0):
        assert filter_options() == built
