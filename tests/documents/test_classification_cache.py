"""The departments, kinds and topics a page of search hits and its facets name are kept in each
process: a change shows on the next read, and a row this process has not seen is read."""

import pytest
from django.core.cache import cache

from gongkai.api.selectors import labelled_facets
from gongkai.core.models import Department
from gongkai.documents.classification_cache import classifications
from gongkai.documents.models import Topic
from gongkai.documents.selectors import listed_documents
from tests import factories

pytestmark = pytest.mark.django_db


def listed(document):
    found = listed_documents([document.pk])[document.pk]
    return (
        found.department.name,
        found.doc_type.name,
        [issuer.name for issuer in found.issuers],
        [topic.name for topic in found.topics],
    )


def test_a_renamed_department_kind_or_topic_shows_on_the_next_read():
    department = factories.make_department(name="财政局")
    topic = factories.make_topic(name="财政")
    document = factories.make_document(
        department=department, issuers=[department], topics=[topic], doc_type=factories.make_kind()
    )
    assert listed(document) == ("财政局", "通知", ["财政局"], ["财政"])
    department.name = "区财政局"
    department.save()
    topic.name = "财政预算"
    topic.save()
    document.doc_type.name = "通告"
    document.doc_type.save()
    assert listed(document) == ("区财政局", "通告", ["区财政局"], ["财政预算"])
    assert labelled_facets({"department": {str(department.pk): 1}})["department"][0]["label"] == (
        "区财政局"
    )


def test_rows_saved_without_this_process_seeing_a_new_version_are_read():
    """bulk_create sends no signal: as a row committed by another process just before this one
    reads the version it bumps."""
    document = factories.make_document(issuers=[factories.make_department(name="发改委")])
    classifications()
    (department,) = Department.objects.bulk_create([Department(name="统计局", code="tj")])
    (topic,) = Topic.objects.bulk_create([Topic(name="统计", slug="tongji")])
    document.issuers.add(department)
    document.topics.add(topic)
    document.save()
    assert listed(document)[2:] == (["发改委", "统计局"], ["统计"])


def test_an_emptied_cache_makes_the_process_read_again():
    department = factories.make_department(name="审计局")
    classifications()
    Department.objects.filter(pk=department.pk).update(name="区审计局")
    cache.clear()
    assert classifications().departments[department.pk].name == "区审计局"
