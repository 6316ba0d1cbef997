"""Table 二's 规章 and 行政规范性文件 rows counted from the document library."""

from datetime import date

import pytest

from gongkai.documents.models import Disclosure, Document, LegalCategory, Validity
from gongkai.reports.annual import DocumentCounts
from gongkai.reports.selectors import document_counts
from tests import factories

pytestmark = pytest.mark.django_db

D = date.fromisoformat


def doc(department, category=LegalCategory.NORMATIVE, written="2025-03-01", **fields):
    fields.setdefault("published_on", D(written))
    return factories.make_document(
        department=department, legal_category=category, written_on=D(written), **fields
    )


def set_validity(document, validity, on):
    Document.objects.filter(pk=document.pk).update(validity=validity, validity_changed_on=D(on))


@pytest.fixture
def finance():
    return factories.make_department(name="财政局", code="czj")


def test_issued_repealed_and_in_force_per_row(finance):
    doc(finance, LegalCategory.REGULATION, "2025-02-01")
    doc(finance, LegalCategory.REGULATION, "2023-05-01")
    doc(finance, written="2025-06-01")
    doc(finance, written="2024-01-10")  # in force
    set_validity(doc(finance, written="2022-01-10"), Validity.REPEALED, "2025-07-01")
    set_validity(doc(finance, written="2022-02-10"), Validity.REPEALED, "2024-07-01")
    set_validity(doc(finance, written="2022-03-10"), Validity.EXPIRED, "2025-03-01")
    doc(finance, written="2021-03-10", expires_on=D("2025-06-30"))  # past its 失效日期
    doc(finance, LegalCategory.OTHER, written="2025-04-01")  # an ordinary notice: not counted

    counts = document_counts(year=2025)

    assert counts["regulations"] == DocumentCounts(
        issued=1, repealed=0, in_force=2, published=1, public_total=2
    )
    normative = counts["normative_documents"]
    assert (normative.issued, normative.repealed, normative.in_force) == (1, 1, 2)


def test_a_past_year_counts_what_was_in_force_then(finance):
    set_validity(doc(finance, written="2022-01-10"), Validity.REPEALED, "2025-07-01")
    doc(finance, written="2025-01-05")
    counts = document_counts(year=2024)["normative_documents"]
    assert (counts.issued, counts.repealed, counts.in_force) == (0, 0, 1)


def test_only_published_and_not_withdrawn_documents_count(finance):
    doc(finance, written="2025-02-01")
    doc(finance, written="2025-02-02", publish=False)
    factories.withdraw_document(doc(finance, written="2025-02-03"))
    assert document_counts(year=2025)["normative_documents"].issued == 1


def test_a_department_counts_what_it_issued_joint_issues_included(finance):
    office = factories.make_department(name="党政办公室", code="dzb")
    doc(finance, written="2025-02-01")
    doc(office, written="2025-02-02", issuers=[office, finance])
    doc(office, written="2025-02-03")
    assert document_counts(year=2025, department_id=finance.pk)["normative_documents"].issued == 2
    assert document_counts(year=2025, department_id=office.pk)["normative_documents"].issued == 2
    assert document_counts(year=2025)["normative_documents"].issued == 3


def test_kind_name_is_the_fallback_for_uncategorised_documents(finance):
    doc(finance, LegalCategory.OTHER, "2025-02-01", doc_type=factories.make_kind(name="规章"))
    doc(finance, LegalCategory.OTHER, "2025-02-02", doc_type=factories.make_kind(name="规范性文件"))
    # An explicit category wins over the kind's name.
    doc(
        finance,
        LegalCategory.REGULATION,
        "2025-02-03",
        doc_type=factories.make_kind(name="规范性文件"),
    )
    counts = document_counts(year=2025)
    assert counts["regulations"].issued == 2
    assert counts["normative_documents"].issued == 1


def test_2019_format_figures_count_proactive_publication(finance):
    doc(finance, written="2019-11-20", published_on=D("2020-01-06"))
    doc(finance, written="2020-03-01", published_on=D("2020-03-02"))
    doc(finance, written="2020-04-01", disclosure=Disclosure.ON_REQUEST)
    counts = document_counts(year=2020)["normative_documents"]
    assert counts.cells("2019") == {"made": 2, "published": 2, "public_total": 2}
    assert document_counts(year=2019)["normative_documents"].cells("2019") == {
        "made": 1,
        "published": 0,
        "public_total": 0,
    }


def test_counts_take_one_query(finance, django_assert_num_queries):
    doc(finance, written="2025-02-01")
    with django_assert_num_queries(1):
        document_counts(year=2025, department_id=finance.pk)
