"""Unit names no department matches are proposed; an administrator confirms them as a new
department or as an existing one (adding an alias), or rejects them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.models import AuditEvent, Department, DepartmentKind
from gongkai.execution import services
from gongkai.execution.models import ProposalStatus, TaskUnit, UnitProposal
from tests import factories

from .conftest import assert_refused, create_plan


@pytest.fixture
def unknown_plan(org, seed_document):
    """The seed plan in an organisation without 工商局 (renamed in the 2019 reform)."""
    org.departments["gsj"].delete()
    return create_plan(seed_document, org.admin)


def test_an_unknown_name_waits_as_a_proposal(unknown_plan):
    proposal = UnitProposal.objects.get()
    assert (proposal.name, proposal.plan, proposal.status) == ("工商局", unknown_plan, "proposed")
    unit = TaskUnit.objects.get(name="工商局")
    assert (unit.task.heading, unit.department, unit.group) == ("(三)2", None, None)


def test_confirming_creates_a_department_and_links_the_task(unknown_plan, org):
    proposal = UnitProposal.objects.get()
    department = services.unit_proposal_confirm(proposal=proposal, user=org.admin)
    assert (department.name, department.kind) == ("工商局", DepartmentKind.OTHER)
    assert TaskUnit.objects.get(name="工商局").department == department
    proposal.refresh_from_db()
    assert (proposal.status, proposal.department, proposal.decided_by) == (
        ProposalStatus.CONFIRMED,
        department,
        org.admin,
    )
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"core.department_create", "execution.unit_confirm"} <= actions


def test_mapping_to_an_existing_department_adds_the_alias(unknown_plan, org, seed_document):
    market = factories.department("市场监管局", code="scjg")
    services.unit_proposal_confirm(
        proposal=UnitProposal.objects.get(), user=org.admin, department=market
    )
    market.refresh_from_db()
    assert market.aliases == ["工商局"]
    assert TaskUnit.objects.get(name="工商局").department == market
    # The next plan naming 工商局 matches it at once.
    create_plan(seed_document, org.admin)
    assert UnitProposal.objects.count() == 1
    assert TaskUnit.objects.filter(name="工商局", department=market).count() == 2


def test_rejecting_keeps_the_name_as_written(unknown_plan, org):
    proposal = services.unit_proposal_reject(
        proposal=UnitProposal.objects.get(), user=org.admin, reason="已撤销的机构"
    )
    assert (proposal.status, proposal.reason) == (ProposalStatus.REJECTED, "已撤销的机构")
    assert TaskUnit.objects.get(name="工商局").department is None
    assert not Department.objects.filter(name="工商局").exists()


def test_only_administrators_decide_and_only_once(unknown_plan, org):
    proposal = UnitProposal.objects.get()
    with pytest.raises(PermissionDenied):
        services.unit_proposal_confirm(proposal=proposal, user=org.reviewer)
    services.unit_proposal_reject(proposal=proposal, user=org.admin)
    with pytest.raises(ValidationError):
        services.unit_proposal_confirm(proposal=proposal, user=org.admin)


def test_administrator_maps_in_the_back_office(unknown_plan, org, client):
    market = factories.department("市场监管局", code="scjg")
    proposal = UnitProposal.objects.get()
    client.force_login(org.admin)
    assert "工商局" in client.get("/admin/execution/units/").content.decode()
    response = client.post(
        f"/admin/execution/units/{proposal.pk}/",
        {"decision": "map", "department": market.pk, "add_alias": "on"},
    )
    assert response.status_code == 302
    assert TaskUnit.objects.get(name="工商局").department == market
    client.force_login(org.reviewer)
    assert_refused(client.get(f"/admin/execution/units/{proposal.pk}/"))
