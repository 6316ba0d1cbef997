"""`gongkai demo`: a library worth showing, one user per role, idempotent."""

from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from wagtail.models import TaskState

from gongkai.accounts.models import PublicAccount
from gongkai.concerns.models import ConcernResponse, PublicConcern
from gongkai.consultations.models import Comment, CommentStatus, Consultation
from gongkai.core.audit import verify_chain
from gongkai.core.roles import Role, has_role
from gongkai.demo import build_demo, default_seed_dir
from gongkai.demo.organisation import DEMO_PASSWORD
from gongkai.demo.participation import CLOSED_TITLE, CONCERN_TITLE, OPEN_TITLE
from gongkai.disclosure.models import DisclosureRequest, Reply
from gongkai.documents.models import (
    DepartmentHeadReviewTask,
    Document,
    Interpretation,
    RelationKind,
    SignOffTask,
    Validity,
)
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.enforcement import selectors as enforcement_selectors
from gongkai.enforcement import services as enforcement_services
from gongkai.enforcement.models import Decision, InspectionPlan, InspectionResult, ItemListVersion
from gongkai.enterprise.models import (
    Enterprise,
    FundedProject,
    PolicyMatch,
    Programme,
    ProgrammeState,
    SupportPolicy,
)
from gongkai.execution.models import Plan, PlanStatus
from gongkai.interaction import selectors as interaction_selectors
from gongkai.interaction.models import EventKind, Message, MessageState
from gongkai.knowledge.models import PolicyAnswer
from gongkai.reports.models import AnnualReport
from gongkai.secondfactor import selectors

pytestmark = pytest.mark.django_db

# What tests/conftest.py sets for each test, set here for the whole module.
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built twice in one transaction, rolled back after the module's tests (building
    it takes seconds; every test here only reads it)."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            TASKS=IMMEDIATE_TASKS,
            PASSWORD_HASHERS=FAST_HASHERS,
            SEARCH_INDEX_DIR=tmp_path_factory.mktemp("demo-index"),
            MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"),
        ),
        transaction.atomic(),
    ):
        first = build_demo(seed_dir=default_seed_dir(), log=lambda message: None)
        counts = {
            model: model.objects.count()
            for model in (Document, Interpretation, DisclosureRequest, Reply, Plan, AnnualReport,
                          ItemListVersion, Decision, InspectionPlan, InspectionResult,
                          Enterprise, SupportPolicy, Programme, FundedProject, PublicAccount,
                          Consultation, Comment, Message, PolicyAnswer, PublicConcern,
                          ConcernResponse)
        }  # fmt: skip
        second = build_demo(seed_dir=default_seed_dir(), log=lambda message: None)
        yield first, second, counts
        transaction.set_rollback(True)


def test_at_least_40_public_documents_across_kinds_topics_and_departments(demo):
    first, _, _ = demo
    public = public_documents()
    assert first.public == public.count() >= 40
    assert public.values("doc_type").distinct().count() >= 10
    assert public.values("department").distinct().count() >= 12
    assert public.values("topics").distinct().count() >= 15
    assert public.exclude(doc_number="").count() >= 38


def test_the_seed_document_is_included_when_present(demo):
    if not (default_seed_dir() / "000_8a1ce8f3cd3cb75f.txt").exists():
        pytest.skip("../shared/seed is not beside the repository")
    seed = public_documents().get(doc_number_key="筑高新办函[2019]23号")
    assert (
        seed.title == "贵阳国家高新区党政办公室印发贵阳国家高新区2019年政务公开工作实施方案的通知"
    )
    assert seed.incoming_relations.filter(kind=RelationKind.BASED_ON).count() >= 2


def test_documents_that_need_it_are_interpreted_mostly_in_two_forms(demo):
    needing = public_documents().filter(doc_type__needs_interpretation=True)
    assert needing.exists()
    assert not needing.filter(interpretations__isnull=True).exists()
    forms = public_interpretations().annotate(kinds=Count("forms__kind", distinct=True))
    assert forms.filter(kinds__gte=2).count() > forms.count() / 2


def test_one_document_is_withdrawn_with_its_reason(demo):
    [withdrawn] = Document.objects.filter(withdrawn_at__isnull=False)
    assert withdrawn.withdrawal_reason and not withdrawn.live


def test_a_repeal_and_an_amendment_change_their_targets(demo):
    [repealed] = Document.objects.filter(validity=Validity.REPEALED)
    assert repealed.incoming_relations.filter(kind=RelationKind.REPEALS).exists()
    [amended] = Document.objects.filter(validity=Validity.AMENDED)
    assert amended.incoming_relations.filter(kind=RelationKind.AMENDS).exists()
    assert repealed.is_public and amended.is_public  # still shown, with a validity banner


def test_one_user_per_role_with_the_demo_password(demo):
    first, _, _ = demo
    users = get_user_model().objects.filter(username__in=[login.username for login in first.logins])
    for role in Role:
        holders = [user for user in users if has_role(user, role)]
        assert holders, role
    for user in users:
        assert user.check_password(DEMO_PASSWORD)
    assert [login.role for login in first.logins] == list(Role)


def test_reviewer_and_admin_get_a_printed_second_factor_kept_across_runs(demo):
    first, second, _ = demo
    printed = {login.username: login for login in first.logins if login.totp_secret}
    assert set(printed) == {"reviewer", "admin"}
    for username, login in printed.items():
        device = selectors.authenticator(get_user_model().objects.get(username=username))
        assert b32decode(login.totp_secret.replace(" ", "")) == device.bin_key
        assert len(login.backup_codes) == 10
    again = {login.username: login.totp_secret for login in second.logins if login.totp_secret}
    assert again == {username: login.totp_secret for username, login in printed.items()}


def test_drafts_wait_for_the_head_and_for_the_sign_off(demo):
    waiting = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("task")
    assert {type(state.task.specific) for state in waiting} == {
        DepartmentHeadReviewTask,
        SignOffTask,
    }
    assert Document.objects.filter(live=False, withdrawn_at__isnull=True).count() == 3


def test_everything_is_in_the_audit_chain_and_the_search_index(demo):
    first, _, _ = demo
    assert verify_chain() is None
    assert first.indexed == first.public


def test_a_second_run_adds_nothing(demo):
    first, second, counts = demo
    assert second.created == 0 and second.existing == first.created + first.existing
    assert {model: model.objects.count() for model in counts} == counts
    assert set(second.activity.values()) == {0}


def test_a_year_of_disclosure_requests_handled_every_way(demo):
    last_year = timezone.localdate().year - 1
    requests = DisclosureRequest.objects.filter(received_on__year=last_year)
    assert requests.count() >= 12
    outcomes = set(requests.values_list("outcome", flat=True))
    assert {"granted", "partial", "withheld.third_party", "other.no_correction"} <= outcomes
    kinds = set(requests.values_list("events__kind", flat=True))
    assert {"correction_requested", "extended", "withdrawn", "replied"} <= kinds
    assert Reply.objects.filter(request__in=requests).exclude(delivered_on=None).exists()


def test_last_years_annual_report_is_published_from_those_requests(demo, client):
    year = timezone.localdate().year - 1
    report = AnnualReport.objects.get(year=year, department=None)
    assert report.is_published
    received = DisclosureRequest.objects.filter(received_on__year=year).count()
    assert report.tables["table3"]["new"][-1] == received
    listing = client.get("/reports/annual/").content.decode()
    assert report.get_absolute_url() in listing and "暂无已发布的年度报告" not in listing
    assert client.get(report.get_absolute_url()).status_code == 200
    assert not Document.objects.filter(title__contains="政府信息公开工作年度报告").exists(), (
        "the report is an annual report, not a document posing as one"
    )


def test_the_seed_plan_is_published_with_its_tasks(demo, client):
    if not (default_seed_dir() / "000_8a1ce8f3cd3cb75f.txt").exists():
        pytest.skip("../shared/seed is not beside the repository")
    seed = Document.objects.get(doc_number_key="筑高新办函[2019]23号")
    plan = Plan.objects.get(document=seed)
    assert plan.status == PlanStatus.PUBLISHED and plan.tasks.count() >= 10
    assert client.get(plan.get_absolute_url()).status_code == 200


def test_service_guides_with_one_flagged_and_the_certificate_list(demo, client):
    from gongkai.areas.models import CertificateItem, ServiceGuide

    guides = ServiceGuide.objects.filter(live=True)
    assert guides.count() >= 4 and all(guide.materials.exists() for guide in guides)
    flagged = guides.get(needs_revision=True)
    assert "科技型企业研发投入后补助办法" in flagged.revision_reason
    assert "待修订" in client.get(flagged.get_absolute_url()).content.decode()
    statuses = set(CertificateItem.objects.filter(live=True).values_list("status", flat=True))
    assert statuses == {"retained", "cancelled"}
    assert not CertificateItem.objects.filter(live=False).exists()
    certificates = client.get("/services/certificates/").content.decode()
    assert "健康证明" in certificates and "亲属关系证明" in certificates
    found = client.get("/services/?q=食品经营许可").content.decode()
    assert "食品经营许可（新办）" in found and "高层次人才认定" not in found


def test_budgets_with_their_tables_and_debt_records_are_signed_off(demo, client):
    from gongkai.areas.models import BudgetDisclosure, DebtDisclosure

    budget = BudgetDisclosure.objects.get(kind="department_budget")
    assert budget.live and budget.disclosed_on is not None
    assert [t["sheet"] for t in budget.tables] == [
        "部门收支总表",
        "一般公共预算支出表",
        "“三公”经费",
    ]
    assert "一般公共预算拨款收入" in client.get(budget.get_absolute_url()).content.decode()
    assert DebtDisclosure.objects.filter(live=True).count() >= 4
    assert "专项债务" in client.get("/finance/debts/?kind=special").content.decode()


def test_employment_records_are_signed_off(demo, client):
    from gongkai.areas.models import EmploymentRecord

    assert not EmploymentRecord.objects.filter(live=False).exists()
    assert set(EmploymentRecord.objects.values_list("kind", flat=True)) == {
        "programme",
        "subsidy",
        "job_fair",
    }
    fairs = client.get("/key-areas/employment/?kind=job_fair").content.decode()
    assert "春风行动" in fairs and "见习" not in fairs


def test_reform_measures_are_signed_off(demo, client):
    from gongkai.areas.models import ReformMeasure

    assert not ReformMeasure.objects.filter(live=False).exists()
    categories = set(ReformMeasure.objects.values_list("category", flat=True))
    assert categories == {"streamline", "regulate", "serve"}
    regulation = client.get("/key-areas/reform/?category=regulate").content.decode()
    assert "双随机" in regulation and "企业开办" not in regulation


def test_enforcement_publicity_shows_every_part(demo, client):
    assert ItemListVersion.objects.get().items.count() >= 3
    public = Decision.objects.filter(status="published")
    assert public.count() >= 3
    person = public.get(kind="penalty", target_kind="natural")
    assert person.public_target_name == "王**" and person.target_code not in person.public_facts
    assert not enforcement_services.publication_problems(person)
    permit = public.get(kind="licence", target_kind="legal")
    assert enforcement_services.target_code_errors("legal", permit.target_code) == []
    assert Decision.objects.filter(status="withdrawn").count() == 1
    today = timezone.localdate()
    late = [row for row in enforcement_selectors.queue(today=today) if row.late]
    assert [row.action for row in late] == ["publish"]
    plan = InspectionPlan.objects.get()
    assert plan.status == "drawn" and plan.results.count() >= 2
    assert all(check.ok for check in enforcement_services.plan_verify(plan))
    listing = client.get("/enforcement/").content.decode()
    assert person.number in listing and "王秀英" not in listing
    for url in (person.get_absolute_url(), plan.get_absolute_url(), "/enforcement/items/"):
        assert client.get(url).status_code == 200, url


def test_policy_match_has_profiles_a_rule_programmes_and_funded_projects(demo, client):
    assert Enterprise.objects.count() >= 3
    policy = SupportPolicy.objects.get()
    assert policy.parsed_rule() is not None and policy.document is not None
    assert PolicyMatch.objects.get(policy=policy).met_count >= 1
    states = {programme.state() for programme in Programme.objects.filter(live=True)}
    assert {ProgrammeState.OPEN, ProgrammeState.CLOSING} <= states
    assert not Programme.objects.filter(live=False).exists()  # signed off, as staff publish
    assert FundedProject.objects.filter(public=True).count() >= 3
    calendar = client.get("/enterprise/calendar/").content.decode()
    assert "研发投入后补助（第一批）" in calendar
    assert client.get("/enterprise/projects/").status_code == 200


def test_the_guide_lists_the_openness_offices_contact_details(demo, client):
    """The generated 政府信息公开指南 shows how to reach the 政务公开办, not empty cells."""
    guide = client.get("/guide/", follow=True).content.decode()
    for detail in ("长岭南路 1 号", "9:00—12:00", "0851-84110001", "0851-84110002"):
        assert detail in guide, detail
    assert "gongkai@example.gov.cn" in guide


def test_public_participation_shows_on_every_page(demo, client):
    accounts = PublicAccount.objects.all()
    assert accounts.count() >= 3
    assert not accounts.filter(email_verified_at=None).exists()
    assert {account.email.rpartition("@")[2] for account in accounts} == {"example.com"}

    consultation = Consultation.objects.get(title=OPEN_TITLE)
    assert consultation.live and consultation.phase() == "open"
    assert consultation.period_days >= 30 and consultation.clauses.count() >= 3
    published = consultation.comments.filter(status=CommentStatus.PUBLISHED)
    assert published.count() >= 2 and published.exclude(clause=None).exists()
    assert consultation.comments.get(status=CommentStatus.REJECTED).refusal_reason
    listing = client.get("/consultations/").content.decode()
    assert OPEN_TITLE in listing and CLOSED_TITLE in listing
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert all(comment.text in page for comment in published)
    assert "商业推广" not in page

    closed = Consultation.objects.get(title=CLOSED_TITLE)
    assert closed.phase() == "reported" and closed.report.live
    dispositions = set(closed.comments.values_list("disposition", flat=True))
    assert dispositions == {"adopted", "partly_adopted", "not_adopted"}
    assert not closed.comments.exclude(disposition="adopted").filter(disposition_reason="")
    page = client.get(closed.get_absolute_url()).content.decode()
    assert "采纳情况" in page and "部分采纳" in page

    replied = Message.objects.filter(is_public=True, state=MessageState.CLOSED, rating=5).get()
    transferred = Message.objects.get(events__kind=EventKind.TRANSFERRED)
    assert transferred.is_public and transferred.events.get(kind=EventKind.TRANSFERRED).note
    messages = client.get("/interaction/").content.decode()
    assert replied.title in messages and transferred.title in messages
    assert replied.reply in client.get(replied.get_absolute_url()).content.decode()
    reviewer = get_user_model().objects.get(username="reviewer")
    assert interaction_selectors.overdue(reviewer).count() == 1

    answers = PolicyAnswer.objects.filter(live=True)
    assert answers.count() >= 3 and not answers.filter(documents=None).exists()
    promoted = answers.get(source_message=replied)
    listing = client.get("/interaction/answers/").content.decode()
    assert promoted.question in listing
    assert client.get(promoted.get_absolute_url()).status_code == 200

    concern = PublicConcern.objects.get(title=CONCERN_TITLE)
    response = concern.responses.get()
    assert response.is_published
    assert CONCERN_TITLE in client.get("/concerns/").content.decode()
    page = client.get(concern.get_absolute_url()).content.decode()
    assert response.text[:30] in page


def test_the_demos_participation_reads_as_dated_work(demo):
    """A comment's or message's number carries the day it was made, and a message's timeline
    spans the days it was worked on, in the order of its steps (all were the day the demo was
    built)."""
    for comment in Consultation.objects.get(title=CLOSED_TITLE).comments.all():
        made_on = timezone.localtime(comment.created_at)
        assert comment.tracking_number.startswith(f"YJ{made_on:%Y%m%d}"), comment.tracking_number
    for message in Message.objects.exclude(replied_at=None):
        moments = list(message.events.order_by("at", "id").values_list("at", flat=True))
        assert len(set(moments)) == len(moments) and moments == sorted(moments), message
        assert len({timezone.localdate(moment) for moment in moments}) >= 3, message
        assert moments[0] == message.received_at and message.replied_at in moments
        assert message.replied_at.date() <= message.due_on
    for message in Message.objects.all():
        received_on = timezone.localdate(message.received_at)
        assert message.tracking_number.startswith(f"LY{received_on:%Y%m%d}"), message
