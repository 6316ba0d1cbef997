"""The authorisation matrix's data, built once per module: two departments ("own", the users',
and "other"), each with an unpublished item of every department-scoped kind, and one user per
role. Titles of the other department's items carry ``SECRET`` so that a page leaking them shows.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from gongkai.consultations.models import AdoptionReport, Comment
from gongkai.core.roles import Role
from gongkai.disclosure import services as disclosure_services
from gongkai.disclosure.models import ReconsiderationOrLawsuit, RequestAttachment
from gongkai.enforcement import services as enforcement_services
from gongkai.enforcement.models import Feedback, InspectionPlan
from gongkai.execution.models import (
    Evidence,
    Finding,
    Plan,
    ProgressReport,
    ReportStatus,
    Task,
    TaskUnit,
    UnitProposal,
)
from tests import factories
from tests.accounts.conftest import make_account
from tests.areas.columns import make_employment, make_reform
from tests.areas.conftest import make_certificate, make_guide
from tests.areas.finance import make_budget, make_debt
from tests.consultations.conftest import make_consultation
from tests.disclosure.conftest import application
from tests.enforcement.conftest import make_decision
from tests.enterprise.conftest import make_enterprise, make_funded, make_policy, make_programme
from tests.knowledge.conftest import make_answer
from tests.reports.conftest import make_report

SECRET = "他部门尚未公开的草稿"

ROLES = (Role.EDITOR, Role.HEAD, Role.REVIEWER, Role.ASSESSOR, Role.ADMIN)
# The department-scoped roles; the others act for every department (OFFICE_WIDE_ROLES).
SCOPED_ROLES = (Role.EDITOR, Role.HEAD)


@dataclass
class Dataset:
    clients: dict = field(default_factory=dict)  # role -> logged-in Client
    users: dict = field(default_factory=dict)  # role -> user
    objects: dict = field(default_factory=dict)  # ("own"|"other") -> {key: object}
    tokens: dict = field(default_factory=dict)  # role -> API token
    departments: dict = field(default_factory=dict)
    common: dict = field(default_factory=dict)  # objects of no department, by key
    media_root: object = None


def _in_workflow(obj, author):
    """Twice revised and waiting for its head, so that every revision and workflow view has
    something to show."""
    obj.save_revision(user=author)
    obj.save_revision(user=author)
    obj.get_workflow().start(obj, author)
    obj.refresh_from_db()
    return obj


def _library(dept, author, prefix) -> dict:
    document = factories.draft_document(
        dept=dept, title=f"{prefix}文件", attachments=[factories.make_attachment()]
    )
    interpretation = factories.interpretation(document, live=False, title=f"{prefix}解读")
    consultation = make_consultation(
        department=dept, publish=False, live=False, title=f"{prefix}征求意见"
    )
    answer = make_answer(department=dept, publish=False, question=f"{prefix}政策问答")
    report = AdoptionReport.objects.create(
        consultation=consultation, text=f"{prefix}意见采纳情况说明", live=False
    )
    return {
        "adoption_report": _in_workflow(report, author),
        "policy_answer": _in_workflow(answer, author),
        "document_attachment": document.attachments.get(),
        "document": _in_workflow(document, author),
        "interpretation": _in_workflow(interpretation, author),
        "consultation": _in_workflow(consultation, author),
    }


def _consultation_comment(consultation, number: int) -> Comment:
    account = make_account(email=f"commenter{number}@example.com", name="张三丰")
    return Comment.objects.create(
        consultation=consultation,
        clause=consultation.clauses.first(),
        account=account,
        text="建议扩大补贴范围。",
        tracking_number=f"YJ-{number}",
        submit_key_hash=f"{number:064d}",
    )


def _disclosure(dept, head, prefix) -> dict:
    submission = disclosure_services.request_register(
        actor=head,
        application=application(description=f"{prefix}申请公开的信息"),
        channel="in_person",
        received_on=timezone.localdate(),
        department=dept,
    )
    request = submission.request
    attachment = RequestAttachment.objects.create(
        request=request, file=ContentFile(b"%PDF-1.4\n", name="a.pdf"), name="a.pdf", kind="pdf"
    )
    case = ReconsiderationOrLawsuit.objects.create(
        kind="reconsideration", request=request, department=dept, filed_on=date(2026, 3, 2)
    )
    return {"request": request, "request_attachment": attachment, "case": case}


def _enforcement(dept, head, prefix) -> dict:
    decision = make_decision(department=dept, user=head, conclusion=f"{prefix}处罚决定")
    feedback = Feedback.objects.create(
        decision=decision,
        kind="wrong",
        text="有异议",
        nonce=f"nonce-{dept.pk}",
        reply_due=timezone.localdate() + timedelta(days=10),
    )
    plan = enforcement_services.plan_save(
        InspectionPlan(
            department=dept,
            title=f"{prefix}抽查计划",
            entities=[f"企业{i}" for i in range(6)],
            inspectors=["王伟(52001)", "李娜(52002)", "张敏(52003)"],
            entity_count=2,
            inspectors_per_entity=2,
        ),
        user=head,
    )
    return {"decision": decision, "feedback": feedback, "inspection_plan": plan}


def _execution(dept, head, source_document) -> dict:
    today = timezone.localdate()
    # A plan is the office's, followed by every department: its title is no secret.
    plan = Plan.objects.create(
        title=f"{dept.name}牵头的工作方案",
        document=source_document,
        period_start=today,
        period_end=today + timedelta(days=300),
        lead_department=dept,
    )
    task = Task.objects.create(plan=plan, heading="(一)1", heading_text="任务", text="任务")
    TaskUnit.objects.create(task=task, name=dept.name, role="lead", department=dept)
    report = ProgressReport.objects.create(
        task=task,
        department=dept,
        reported_by=head,
        status=ReportStatus.IN_PROGRESS,
        percent=10,
        text="进展",
        reported_on=today,
    )
    evidence = Evidence.objects.create(
        report=report,
        file=ContentFile(b"%PDF-1.4\n", name="e.pdf"),
        name="e.pdf",
        kind="pdf",
        size=9,
    )
    finding = Finding.objects.create(task=task, source="inspection", problem="问题")
    proposal = UnitProposal.objects.create(name=f"{dept.name}下属单位", plan=plan)
    return {
        "plan": plan,
        "task": task,
        "evidence": evidence,
        "finding": finding,
        "proposal": proposal,
    }


def _enterprise(dept, prefix) -> dict:
    policy = make_policy(department=dept, title=f"{prefix}扶持政策")
    programme = _in_workflow(
        make_programme(policy, title=f"{prefix}申报项目", publish=False),
        factories.staff_user(Role.EDITOR, dept),
    )
    # The register of enterprises is shared by every department.
    enterprise = make_enterprise(name=f"企业{dept.pk}")
    funded = make_funded(programme, enterprise, title=f"{prefix}入库项目", public=False)
    return {"policy": policy, "programme": programme, "funded": funded}


def _areas(dept, prefix) -> dict:
    author = factories.staff_user(Role.EDITOR, dept)
    budget = make_budget(department=dept, title=f"{prefix}部门预算", publish=False)
    guide = make_guide(department=dept, name=f"{prefix}办事指南", publish=False)
    return {
        "service_guide": _in_workflow(guide, author),
        "certificate_item": _in_workflow(
            make_certificate(department=dept, name=f"{prefix}证明", publish=False), author
        ),
        "budget_disclosure": _in_workflow(budget, author),
        "debt_disclosure": _in_workflow(make_debt(department=dept, publish=False), author),
        "employment_record": _in_workflow(
            make_employment(department=dept, title=f"{prefix}就业补贴", publish=False), author
        ),
        "reform_measure": _in_workflow(
            make_reform(department=dept, title=f"{prefix}改革措施", publish=False), author
        ),
    }


def _common(data) -> dict:
    """One object of each kind that belongs to no department, for the URLs that name one."""
    from django.contrib.auth.models import Group
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document as WagtailDocument
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, Page, Site, Task, Workflow

    from gongkai.api.services import api_token_create
    from gongkai.assessment.models import AssessmentSettings, ColumnRule, Indicator
    from gongkai.core.models import AuditEvent, DepartmentGroup, HolidayArrangement
    from gongkai.disclosure.models import ReplyTemplate
    from gongkai.documents.models import DocumentKind, OpennessSettings
    from gongkai.interaction.models import MessageCategory, RoutingRule
    from gongkai.interaction.models import ReplyTemplate as MessageReplyTemplate

    own = data.departments["own"]
    collection = Collection.get_first_root_node().add_child(name="图片")
    kind = DocumentKind.objects.first()
    group = DepartmentGroup.objects.create(name="各行政执法部门")
    for role, user in data.users.items():
        data.tokens[role] = api_token_create(user=user)[0]
    return {
        "page": Page.objects.get(depth=2),
        "collection": collection,
        "image": get_image_model().objects.create(title="图", file=get_test_image_file()),
        "wagtaildoc": WagtailDocument.objects.create(
            title="文", file=ContentFile(b"%PDF-1.4\n", name="a.pdf")
        ),
        "workflow": Workflow.objects.first(),
        "task": Task.objects.first(),
        "site": Site.objects.first(),
        "redirect": Redirect.objects.create(old_path="/old", redirect_link="/new"),
        "user": data.users[Role.EDITOR],
        "group": Group.objects.first(),
        "api_token": data.users[Role.EDITOR].api_tokens.first(),
        "openness_settings": OpennessSettings.load(),
        "staff_profile": data.users[Role.EDITOR].staff_profile,
        "department": data.departments["own"],
        "department_group": group,
        "holiday": HolidayArrangement.objects.create(year=2030, holidays=[]),
        "document_kind": kind,
        "topic": factories.make_topic(),
        "column_rule": ColumnRule.objects.create(document_kind=kind, max_age_days=30),
        "indicator": Indicator.objects.get(code="dead_links"),
        "assessment_settings": AssessmentSettings.load(),
        "reply_template": ReplyTemplate.objects.first(),
        "audit_event": AuditEvent.objects.first(),
        "enterprise": data.objects["own"]["funded"].enterprise,
        "other_document": data.objects["other"]["document"],
        "message_category": MessageCategory.objects.get(),
        "routing_rule": RoutingRule.objects.create(keywords="路灯", department=own),
        "message_reply_template": MessageReplyTemplate.objects.create(
            name="已办理", department=own, text="已办理。"
        ),
    }


def _interaction(dept, prefix) -> dict:
    from gongkai.interaction.models import MessageCategory
    from tests.interaction.conftest import write

    category = MessageCategory.objects.get_or_create(name="城市管理")[0]
    account = make_account(email=f"writer{dept.pk}@example.com", name="王五")
    submission = write(
        account, category, addressee=dept, nonce=f"{dept.pk:024d}", title=f"{prefix}留言"
    )
    return {"message": submission.message}


def _concerns(dept, author, head, prefix) -> dict:
    from gongkai.concerns import services as concern_services
    from gongkai.concerns.models import RiskAssessment
    from tests.concerns.conftest import concern_fields

    concern = concern_services.concern_record(
        user=head,
        fields=concern_fields(dept, author, title=f"{prefix}关切事项", raised_on=date(2026, 3, 2)),
    )
    response = concern_services.response_save(
        concern=concern, user=author, text=f"{prefix}回应", responded_on=date(2026, 3, 3)
    )
    document = factories.draft_document(dept=dept, title=f"{prefix}敏感文件", is_sensitive=True)
    assessment = RiskAssessment.objects.create(
        document=document,
        risk_level="high",
        analysis="群众关注度高。",
        response_plan="同步解读，专人监测。",
        assessor=author,
        assessed_on=date(2026, 3, 2),
    )
    return {"concern": concern, "concern_response": response, "risk_assessment": assessment}


def _indicator_result(dept):
    from django.utils import timezone

    from gongkai.assessment.models import Indicator, IndicatorResult

    return IndicatorResult.objects.create(
        indicator=Indicator.objects.get(code="requests_on_time"),
        department=dept,
        period="2026Q3",
        score=50.0,
        computed_at=timezone.now(),
    )


def _spot_check(data):
    """A drawn spot check with an item and a finding of each department's (its draft
    document's line, so that the other department's shows SECRET)."""
    from gongkai.assessment.models import SpotCheck, SpotCheckFinding, SpotCheckItem
    from gongkai.core import draw

    seed = "0" * 64
    check = SpotCheck.objects.create(
        name="2026年规范性文件抽查",
        scope="normative",
        sample_size=1,
        seed=seed,
        seed_commitment=draw.commitment(seed),
        status="drawn",
        drawn_at=timezone.now(),
    )
    for objects in data.objects.values():
        dept, document = objects["department"], objects["document"]
        item = SpotCheckItem.objects.create(
            spot_check=check,
            department=dept,
            position=1,
            entity=f"/documents/{document.pk}/ {document.title}",
        )
        objects["spot_check_item"] = item
        objects["spot_finding"] = SpotCheckFinding.objects.create(
            item=item,
            description=f"{document.title}未标注有效期",
            owner=factories.staff_user(Role.EDITOR, dept),
            deadline=date(2030, 1, 1),
        )
    return check


def build(media_root) -> Dataset:
    data = Dataset(media_root=media_root)
    office = factories.department("党政办公室", code="office", is_openness_office=True)
    own = factories.department("财政局", code="czj")
    other = factories.department("规划建设局", code="ghj")
    data.departments = {"own": own, "other": other, "office": office}
    # The office's published plan that both departments' tasks come from.
    plan_document = factories.published_document(dept=office, title="工作方案")
    homes = {Role.EDITOR: own, Role.HEAD: own, Role.REVIEWER: office, Role.ASSESSOR: None}
    for role in ROLES:
        extra = {"is_superuser": True} if role == Role.ADMIN else {}
        data.users[role] = factories.staff_user(role, homes.get(role, office), **extra)
    for name, dept in (("own", own), ("other", other)):
        prefix = "本部门" if name == "own" else SECRET
        author = factories.staff_user(Role.EDITOR, dept)
        head = factories.staff_user(Role.HEAD, dept)
        objects = _library(dept, author, prefix)
        objects["comment"] = _consultation_comment(objects["consultation"], dept.pk)
        objects["report"] = make_report(department=dept, user=head)
        objects |= _disclosure(dept, head, prefix)
        objects |= _enforcement(dept, head, prefix)
        objects |= _execution(dept, head, plan_document)
        objects |= _enterprise(dept, prefix)
        objects |= _interaction(dept, prefix)
        objects |= _areas(dept, prefix)
        objects |= _concerns(dept, author, head, prefix)
        objects["indicator_result"] = _indicator_result(dept)
        objects["department"] = dept
        data.objects[name] = objects
    data.common = _common(data) | {"spot_check": _spot_check(data)}
    for role, user in data.users.items():
        client = Client()
        client.force_login(user)
        factories.pass_second_factor(client, user)
        data.clients[role] = client
    return data
