"""Data migrations of the disclosure app, run on rows written before them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.disclosure.services import applicant_name_key

BEFORE = [("disclosure", "0004_reply_letter_review_body")]
AFTER = [("disclosure", "0005_encrypt_applicant_names")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def stored_names() -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT applicant_name, contact_person, letter_text FROM disclosure_disclosurerequest "
            "JOIN disclosure_reply ON disclosure_reply.request_id = disclosure_disclosurerequest.id"
        )
        return cursor.fetchone()


@pytest.mark.django_db(transaction=True)
def test_existing_names_are_encrypted_and_found_by_the_search_key():
    old_apps = migrate(BEFORE)
    old = old_apps.get_model("disclosure", "DisclosureRequest").objects.create(
        tracking_number="GK-2025-000001",
        access_token_hash="a" * 64,
        applicant_type="commercial",
        applicant_name="某某科技有限公司",
        contact_person="王五",
        description="资料",
        provision_form="electronic",
        delivery="email",
        channel="online",
        received_on="2025-12-01",
    )
    old_apps.get_model("disclosure", "Reply").objects.create(
        request=old, outcome="granted", letter_text="某某科技有限公司：……", replied_on="2025-12-05"
    )
    assert stored_names() == ("某某科技有限公司", "王五", "某某科技有限公司：……")

    new_apps = migrate(AFTER)

    assert all(value.startswith("gAAAA") for value in stored_names())
    request = new_apps.get_model("disclosure", "DisclosureRequest").objects.get()
    assert (request.applicant_name, request.contact_person) == ("某某科技有限公司", "王五")
    assert request.applicant_name_key == applicant_name_key("某某科技有限公司")
    assert request.reply.letter_text == "某某科技有限公司：……"

    migrate(BEFORE)
    assert stored_names() == ("某某科技有限公司", "王五", "某某科技有限公司：……")
    migrate(latest())


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_existing_requests_get_the_contact_keys_of_the_lookup():
    from gongkai.disclosure.selectors import request_by_contact

    old_apps = migrate([("disclosure", "0005_encrypt_applicant_names")])
    old_apps.get_model("disclosure", "DisclosureRequest").objects.create(
        tracking_number="GK-2025-000002",
        access_token_hash="b" * 64,
        applicant_type="natural_person",
        applicant_name="李四",  # the historical model's fields encrypt on save
        phone="139 0000 1111",
        email="LiSi@example.com",
        description="资料",
        provision_form="electronic",
        delivery="email",
        channel="online",
        received_on="2025-12-01",
    )
    migrate([("disclosure", "0006_contact_lookup_keys")])

    assert request_by_contact("GK-2025-000002", "13900001111") is not None
    assert request_by_contact("GK-2025-000002", "lisi@example.com") is not None
    assert request_by_contact("GK-2025-000002", "13900001112") is None
    migrate(latest())
