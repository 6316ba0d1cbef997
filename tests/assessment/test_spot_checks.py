"""Spot checks (抽查, issue 12 §2): the population taken and committed, the draw per department
verified from the published record, findings rectified and closed (audited), and the indicator
they feed."""

import json
import subprocess
import sys
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from gongkai.assessment import scoring, selectors, services
from gongkai.assessment.models import FindingStatus, IndicatorResult, SpotCheck
from gongkai.assessment.scoring import Period, SpotFindingRow
from gongkai.core.calendar import current_calendar
from gongkai.core.models import AuditEvent
from gongkai.core.roles import Role
from tests import factories
from tests.assessment.test_english import HAN, _labels

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_draw.py"


def _commit(library, scope="normative", size=3):
    return services.spot_check_commit(
        name="2026年第四季度规范性文件抽查", scope=scope, sample_size=size, user=library.assessor
    )


def _lines(part):
    return [line.split(" ", 1)[1] for line in part["entities"]]


def test_the_commitment_publishes_each_departments_population_but_not_the_seed(library):
    check = _commit(library)
    parts = {part["department"]: part for part in check.population}
    assert sorted(_lines(parts["财政局"])) == [f"财政资金管理办法第{i}号" for i in range(5)]
    assert _lines(parts["规划局"]) == ["规划管理规定第0号", "规划管理规定第1号"]
    record = services.spot_check_export(check)
    assert "seed" not in record and all("seed" not in part for part in record["draws"])
    assert [part["entity_count"] for part in record["draws"]] == [3, 2]
    event = AuditEvent.objects.get(action="assessment.spot_check.commit")
    assert event.after["seed_commitment"] == check.seed_commitment
    assert event.after["entity_list_sha256"]["财政局"] == record["draws"][0]["entity_list_sha256"]


def test_pages_take_every_public_document_and_interpretation(library):
    parts = {p["department"]: p for p in _commit(library, scope="pages").population}
    finance = _lines(parts["财政局"])
    assert "关于召开会议的通知" in finance and "财政资金管理办法解读" in finance
    assert any(line.startswith("/interpretations/") for line in parts["财政局"]["entities"])


def test_only_assessors_and_the_office_draw(library):
    with pytest.raises(PermissionDenied):
        services.spot_check_commit(
            name="抽查", scope="normative", sample_size=2, user=library.finance_editor
        )
    with pytest.raises(ValidationError):
        services.spot_check_commit(
            name=" ", scope="normative", sample_size=2, user=library.assessor
        )


def test_the_draw_is_verified_from_the_published_record_and_happens_once(library):
    check = _commit(library)
    factories.published_document(dept=library.finance, title="抽查承诺后发布的文件")
    check = services.spot_check_draw(spot_check=check, user=library.assessor)
    items = list(check.items.all())
    assert [item.department for item in items].count(library.finance) == 3
    assert [item.department for item in items].count(library.planning) == 2
    assert all(item.object_id and item.entity.startswith("/documents/") for item in items)
    assert not any("承诺后" in item.entity for item in items)
    assert all(found.check.ok for found in services.spot_check_verify(check))
    assert check.drawn_by == library.assessor and check.drawn_at
    with pytest.raises(ValidationError):
        services.spot_check_draw(spot_check=check, user=library.assessor)

    # A list changed after the commitment shows in the verification.
    population = check.population
    population[0]["entities"].append("/documents/999/ 后加的文件")
    SpotCheck.objects.filter(pk=check.pk).update(population=population)
    check.refresh_from_db()
    failed = [f.check.name for f in services.spot_check_verify(check) if not f.check.ok]
    assert failed[0] == "entity_list_sha256"


@pytest.fixture
def drawn(library):
    check = services.spot_check_draw(spot_check=_commit(library), user=library.assessor)
    return check.items.filter(department=library.finance).first()


def _finding(library, item, **changes):
    fields = {
        "item": item,
        "user": library.assessor,
        "description": "未标注有效期",
        "severity": "major",
        "owner": library.finance_editor,
        "deadline": timezone.localdate() + timedelta(days=10),
    }
    return services.spot_finding_record(**(fields | changes))


def test_a_finding_is_rectified_by_its_department_and_closed_by_the_assessor(library, drawn):
    finding = _finding(library, drawn)
    with pytest.raises(PermissionDenied):
        services.spot_finding_close(finding=finding, user=library.finance_editor, note="好")
    with pytest.raises(ValidationError):
        services.spot_finding_close(finding=finding, user=library.assessor, note="未整改就销号")
    with pytest.raises(PermissionDenied):
        services.spot_finding_rectify(
            finding=finding, user=library.planning_editor, rectification="别的部门"
        )
    finding = services.spot_finding_rectify(
        finding=finding, user=library.finance_editor, rectification="已补充有效期并重新发布。"
    )
    assert finding.status == FindingStatus.RECTIFIED
    assert finding.rectified_on == timezone.localdate()
    finding = services.spot_finding_close(
        finding=finding, user=library.assessor, note="已核实，同意销号。"
    )
    assert finding.status == FindingStatus.CLOSED and finding.closed_at
    actions = list(
        AuditEvent.objects.filter(action__startswith="assessment.spot_finding")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "assessment.spot_finding.record",
        "assessment.spot_finding.rectify",
        "assessment.spot_finding.close",
    ]


def test_a_finding_needs_an_owner_of_the_department_and_a_deadline_ahead(library, drawn):
    with pytest.raises(ValidationError) as error:
        _finding(
            library,
            drawn,
            owner=library.planning_editor,
            deadline=timezone.localdate() - timedelta(days=1),
            description="",
        )
    assert set(error.value.message_dict) == {"owner", "deadline", "description"}
    with pytest.raises(PermissionDenied):
        _finding(library, drawn, user=library.finance_editor)


def test_spot_check_findings_score_with_overdue_rectifications_counted_twice():
    calendar = current_calendar()
    as_of = date(2026, 11, 30)
    rows = [
        SpotFindingRow(1, 10, "a", date(2026, 11, 20), date(2026, 11, 19)),  # in time
        SpotFindingRow(1, 11, "b", date(2026, 11, 20), date(2026, 11, 27)),  # late
        SpotFindingRow(1, 12, "c", date(2026, 11, 20)),  # still open after its deadline
        SpotFindingRow(2, 13, "d", date(2026, 12, 20)),  # open, not due yet
        SpotFindingRow(9, 14, "e", date(2026, 11, 1)),  # no item drawn there: ignored
    ]
    scores = scoring.score_spot_findings(
        rows, [1, 2, 3], deduction=5, as_of=as_of, calendar=calendar
    )
    assert scores[1].score == 100 - 5 * 3 - 5 * 2
    assert scores[2].score == 95.0 and scores[3].score == 100.0 and 9 not in scores
    late = {item.pk: item.late_days for item in scores[1].items}
    assert late[10] == 0
    assert late[11] == calendar.working_days_between(date(2026, 11, 20), date(2026, 11, 27)) > 0
    assert late[12] == calendar.working_days_between(date(2026, 11, 20), as_of)
    assert [item.pk for item in scores[1].items][0] == 12  # the latest first


def test_the_indicator_counts_the_periods_findings_per_department(library, drawn):
    finding = _finding(library, drawn)
    type(finding).objects.filter(pk=finding.pk).update(
        deadline=timezone.localdate() - timedelta(days=3)
    )
    period = Period.quarter_of(timezone.localdate())
    services.compute_indicators(period)
    results = IndicatorResult.objects.filter(indicator__code="spot_checks", period=period.key)
    scores = {result.department: result for result in results}
    assert scores[library.planning].score == 100.0
    finance = scores[library.finance]
    assert finance.score == 90.0 and finance.total == 1
    assert finance.items[0]["pk"] == finding.pk and finance.items[0]["late_days"] >= 0
    assert finance.items[0]["label"].startswith(drawn.entity)
    [item] = selectors.items_with_links(library.finance_editor, finance)
    assert item["fix_url"] == reverse("assessment_spot:finding", args=[finding.pk])


def test_the_public_pages_show_the_inputs_then_the_draw_and_its_verification(client, library):
    check = _commit(library)
    page = client.get(check.get_absolute_url()).content.decode()
    assert check.seed_commitment in page and check.seed not in page
    assert check.population[0]["entity_list_sha256"] in page
    assert f"gongkai spotchecks verify {check.pk}" in page
    assert check.name in client.get(reverse("assessment:spot_checks")).content.decode()

    services.spot_check_draw(spot_check=check, user=library.assessor)
    item = check.items.filter(department=library.finance).first()
    _finding(library, item)
    page = client.get(check.get_absolute_url()).content.decode()
    assert check.seed in page and item.title in page and f'href="{item.path}"' in page
    verify = client.get(reverse("assessment:spot_check_verify", args=[check.pk])).content.decode()
    assert "✗" not in verify and "验证通过" in verify
    response = client.get(reverse("assessment:spot_check_json", args=[check.pk]))
    record = json.loads(response.content)
    assert record["seed"] == check.seed and len(record["draws"]) == 2
    assert client.get(reverse("assessment:spot_check", args=[check.pk + 1])).status_code == 404


def test_the_command_verifies_and_exports_for_the_standalone_script(library, tmp_path):
    check = services.spot_check_draw(spot_check=_commit(library), user=library.assessor)
    out = StringIO()
    call_command("spotchecks", "verify", str(check.pk), stdout=out)
    assert "the draw is verified" in out.getvalue() and "FAIL" not in out.getvalue()
    path = tmp_path / "spot-check.json"
    call_command("spotchecks", "export", str(check.pk), "--output", str(path))
    run = subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True)
    assert run.returncode == 0 and "FAIL" not in run.stdout, run.stdout
    check.items.filter(position=1).update(entity="/documents/999/ 换掉的文件")
    with pytest.raises(CommandError):
        call_command("spotchecks", "verify", str(check.pk), stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("spotchecks", "verify", str(check.pk + 1))


def test_back_office_from_the_draw_to_the_closed_finding(client, library):
    client.force_login(library.assessor)
    response = client.post(
        reverse("assessment_spot:new"),
        {"name": "规范性文件抽查", "scope": "normative", "sample_size": 2},
    )
    check = SpotCheck.objects.get()
    assert response.url == reverse("assessment_spot:detail", args=[check.pk])
    client.post(reverse("assessment_spot:draw", args=[check.pk]))
    page = client.get(response.url).content.decode()
    item = check.items.filter(department=library.finance).first()
    assert item.title in page and reverse("assessment_spot:finding_new", args=[item.pk]) in page
    deadline = timezone.localdate() + timedelta(days=5)
    client.post(
        reverse("assessment_spot:finding_new", args=[item.pk]),
        {
            "description": "未标注有效期",
            "severity": "minor",
            "owner": library.finance_editor.pk,
            "deadline": deadline.isoformat(),
        },
    )
    finding = item.findings.get()
    type(finding).objects.filter(pk=finding.pk).update(deadline=timezone.localdate() - timedelta(1))

    client.force_login(library.planning_editor)
    assert "未标注有效期" not in client.get(reverse("assessment_spot:findings")).content.decode()
    finding_url = reverse("assessment_spot:finding", args=[finding.pk])
    assert client.get(finding_url).status_code == 404

    client.force_login(library.finance_editor)
    listing = client.get(reverse("assessment_spot:findings")).content.decode()
    assert "未标注有效期" in listing and 'class="spot-overdue"' in listing
    assert (
        reverse("assessment_spot:close", args=[finding.pk])
        not in client.get(finding_url).content.decode()
    )
    client.post(
        reverse("assessment_spot:rectify", args=[finding.pk]), {"rectification": "已补充。"}
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.RECTIFIED

    client.force_login(library.assessor)
    client.post(reverse("assessment_spot:close", args=[finding.pk]), {"note": "同意销号。"})
    finding.refresh_from_db()
    assert finding.status == FindingStatus.CLOSED and finding.closure_note == "同意销号。"


def test_the_back_office_pages_in_english_show_no_chinese_labels(client, library, drawn):
    finding = _finding(library, drawn)
    SpotCheck.objects.update(name="Q4 2026")  # the page's title is data, left as entered
    admin = factories.staff_user(Role.ADMIN)
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin)
    pages = [
        reverse("assessment_spot:list"),
        reverse("assessment_spot:new"),
        reverse("assessment_spot:detail", args=[drawn.spot_check_id]),
        reverse("assessment_spot:finding_new", args=[drawn.pk]),
        reverse("assessment_spot:findings"),
        reverse("assessment_spot:finding", args=[finding.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        labels = _labels(response.content.decode())
        assert labels, url
        assert [label for label in labels if HAN.search(label)] == [], url
