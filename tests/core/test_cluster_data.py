"""gongkai.core.cluster_data: the revision content of many instances is what each
instance's own serializable_data gives."""

from datetime import UTC, date, datetime

import pytest

from gongkai.core.cluster_data import serializable_data_many
from gongkai.documents.models import Document, Interpretation
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock_stopped(monkeypatch):
    """updated_at (auto_now) takes the time of each call: the same for both."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)


def test_documents_with_children_and_links_serialise_as_each_does_alone():
    """Dates, times, rich text, a JSON list, foreign keys, empty values, the attachments
    (a child relation), the relations (children of their own kind) and the issuers and
    topics (parental many-to-many) of published and draft documents."""
    office, finance = factories.department("党政办公室"), factories.department("财政局")
    target = factories.published_document(dept=office, title="关于印发实施方案的通知")
    documents = [
        target,
        factories.published_document(
            dept=office,
            issuers=[office, finance],
            topics=[factories.make_topic(name="营商环境")],
            attachments=[factories.make_attachment(), factories.make_attachment(title="附件2")],
            relations=[("amends", target)],
            doc_number="筑高新办发〔2026〕3号",
            published_on=date(2026, 3, 2),
            listed_attachments=["实施细则", "任务分工表"],
            keywords="政务公开、营商环境",
        ),
        factories.draft_document(dept=finance, written_on=None, region=""),
    ]
    documents = list(Document.objects.filter(pk__in=[d.pk for d in documents]).order_by("pk"))
    documents[2].last_published_at = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
    expected = [document.serializable_data() for document in documents]
    assert serializable_data_many(documents) == expected
    assert expected[1]["issuers"] and expected[1]["attachments"] and expected[1]["relations"]


def test_a_naive_time_is_made_aware_as_serializable_data_does():
    document = factories.draft_document()
    document.first_published_at = datetime(2026, 3, 2, 9, 30)  # naive: local time
    [data] = serializable_data_many([document])
    assert data == document.serializable_data()
    assert data["first_published_at"] != datetime(2026, 3, 2, 9, 30)


def test_another_clusterable_model_and_no_instances():
    interpretation = factories.interpretation(factories.published_document())
    interpretation = Interpretation.objects.get(pk=interpretation.pk)
    assert serializable_data_many([interpretation]) == [interpretation.serializable_data()]
    assert serializable_data_many([]) == []
