"""What the index is told of each public document (gongkai.documents.search_source): a batch
reads issuers and topics from the link tables, and gives what each document gives alone."""

import pytest

from gongkai.documents import search_source
from gongkai.documents.models import Document
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    finance, planning, office = (
        factories.make_department(name=name) for name in ("财政局", "规划建设局", "党政办公室")
    )
    economy = factories.make_topic(name="经济")
    industry = factories.make_topic(name="工业", parent=economy)
    joint = factories.make_document(
        department=finance, issuers=[finance, planning, office], topics=[industry]
    )
    alone = factories.make_document(department=planning, topics=[economy, industry])
    bare = factories.make_document(department=office, issuers=[])
    draft = factories.make_document(department=office, publish=False)
    return joint, alone, bare, draft, (economy, industry), (finance, planning, office)


def test_a_batch_gives_what_each_document_gives_alone(library):
    joint, alone, bare, draft, *_ = library
    lineage = search_source._topic_ancestors()
    batch = search_source.load([joint.pk, alone.pk, bare.pk, draft.pk])
    for document in (joint, alone, bare):
        one_by_one = search_source.to_indexed(Document.objects.get(pk=document.pk), lineage)
        assert batch[document.pk] == one_by_one
    assert batch[draft.pk] is None
    assert [doc for docs in search_source.iter_all(2) for doc in docs] == [
        batch[joint.pk],
        batch[alone.pk],
        batch[bare.pk],
    ]


def test_issuers_and_topics_with_their_ancestors(library):
    joint, alone, bare, _draft, (economy, industry), (finance, planning, office) = library
    indexed = search_source.load([joint.pk, alone.pk, bare.pk])
    assert indexed[joint.pk].department_ids == sorted([finance.pk, planning.pk, office.pk])
    assert sorted(indexed[joint.pk].department_names) == sorted(
        ["财政局", "规划建设局", "党政办公室"]
    )
    assert indexed[joint.pk].topic_ids == sorted([economy.pk, industry.pk])
    assert indexed[alone.pk].topic_ids == sorted([economy.pk, industry.pk])
    assert indexed[bare.pk].department_ids == [office.pk]
    assert indexed[bare.pk].department_names == [] and indexed[bare.pk].topic_ids == []


def test_a_batch_reads_the_links_in_a_fixed_number_of_queries(
    library, django_assert_max_num_queries
):
    ids = list(Document.objects.values_list("pk", flat=True))
    with django_assert_max_num_queries(6):
        search_source.load(ids)
