"""The demo's public participation at the 产业发展局, which has an editor and a head in the demo:
public accounts of residents and an enterprise; a draft open for comments and one whose comments
were disposed of and answered by a signed-off adoption report (决策预公开); messages to the
government replied, transferred and still waiting past their deadline (政民互动); 政策问答
entries, one promoted from a reply; and a public concern with its published response (回应关切).
Everything goes through the apps' services and the sign-off workflow; each part is built only
when it is missing, so a second run adds nothing.

The services stamp what they record with the present moment, so the things the demo shows as
past (the closed period, the overdue message) are re-dated afterwards, as the builder re-dates
documents.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from gongkai.core.calendar import current_calendar
from gongkai.core.roles import Role
from gongkai.documents.publication import sign_off_through

DEPARTMENT = "cyfz"
OVERRIDE_REASON = "演示数据，已核实。"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    name: str
    kind: str = "citizen"


ACCOUNTS = (
    DemoAccount("chen.siyuan@example.com", "陈思远"),
    DemoAccount("liu.wenjing@example.com", "刘文静"),
    DemoAccount("yunqi.software@example.com", "贵州云启软件有限公司", "enterprise"),
    DemoAccount("zhou.kai@example.com", "周凯"),
)

OPEN_TITLE = "关于支持软件和信息技术服务企业发展的若干措施（征求意见稿）"
OPEN_CLAUSES = (
    ("第一条", "对新设立或新迁入高新区、年营业收入首次超过500万元的软件和信息技术服务企业，"
               "按其实际租用办公用房面积给予每平方米每月20元的房租补贴，期限三年。"),
    ("第二条", "对企业年度研发投入超过300万元的部分，按10%给予奖励，单个企业每年最高100万元。"),
    ("第三条", "对首次通过软件能力成熟度模型集成（CMMI）三级、四级、五级评估的企业，"
               "分别给予10万元、20万元、30万元一次性奖励。"),
    ("第四条", "本措施自印发之日起施行，有效期三年，由高新区产业发展局负责解释。"),
)  # fmt: skip
OPEN_COMMENTS = (
    # account, clause heading (None: the whole draft), text, refusal reason (None: approved)
    (0, "第一条", "建议将房租补贴的营业收入门槛由500万元降至200万元，初创软件企业第一年"
                  "收入普遍不高，门槛过高会把最需要支持的企业挡在外面。", None),
    (2, None, "建议明确各项奖补的申报时间和兑现期限，并在政务服务网开通线上申报，"
              "减少企业往返提交纸质材料。", None),
    (3, None, "欢迎咨询我司代理申报各类补贴，成功率高，联系我们即可办理。",
     "内容与草案无关，含商业推广信息。"),
)  # fmt: skip

CLOSED_TITLE = "贵阳国家高新区工业企业技术改造奖补办法（修订征求意见稿）"
CLOSED_CLAUSES = (
    ("第一条", "技术改造项目设备投资额在500万元以上的，按设备投资额的8%给予奖补，"
               "单个项目最高300万元。"),
    ("第二条", "申报企业须为在高新区注册并纳入规模以上工业统计的企业，项目须已完工并投入使用。"),
    ("第三条", "奖补资金每年集中申报一次，由产业发展局会同财政局组织评审，评审结果公示7日。"),
)  # fmt: skip
CLOSED_COMMENTS = (
    # account, clause heading, text, disposition, reason
    (2, "第一条", "建议将设备投资额门槛由500万元降至300万元，便于中小型工业企业享受政策。",
     "adopted", ""),
    (1, "第三条", "建议每年分两批集中申报，避免项目完工后等待时间过长。",
     "partly_adopted", "考虑评审工作量，改为每年上半年、下半年各受理一次，评审仍集中组织。"),
    (0, None, "建议对技术改造项目的贷款贴息另行给予50%的补贴。",
     "not_adopted", "贷款贴息已由《关于支持工业企业稳增长的若干意见》规定，本办法不再重复设置。"),
)  # fmt: skip


def build_participation(departments, users, today: date) -> int:
    """The accounts, consultations, messages, 政策问答 entries and concern that are missing;
    how many parts were added."""
    department = departments[DEPARTMENT]
    accounts = _accounts()
    return (
        _open_consultation(department, users, accounts, today)
        + _closed_consultation(department, users, accounts, today)
        + _messages(departments, users, accounts, today)
        + _answers(department, users)
        + _concern(department, users, today)
    )


def _accounts() -> list:
    """The demo's public accounts, registered and verified through the accounts service (the
    link of the verification mail, followed here), with a random password nobody needs."""
    from gongkai.accounts import services, tokens
    from gongkai.accounts.models import PublicAccount

    accounts = []
    for spec in ACCOUNTS:
        account = PublicAccount.objects.filter(email=spec.email).first()
        if account is None:
            account = services.account_register(
                email=spec.email,
                password=secrets.token_urlsafe(24),
                name=spec.name,
                kind=spec.kind,
                nonce=f"demo-{spec.email.partition('@')[0].replace('.', '-')}-account",
            ).account
            services.account_verify_email(
                reference=tokens.user_reference(account.user),
                token=tokens.email_verification_token.make_token(account.user),
            )
            account.refresh_from_db()
        accounts.append(account)
    return accounts


def _nonce(*parts: object) -> str:
    return "demo-" + "-".join(str(part) for part in parts).ljust(16, "0")


# --- consultations --------------------------------------------------------------------------


def _consultation(department, users, *, title, clauses, starts_on, background, legal_basis):
    from gongkai.consultations.models import Clause, Consultation

    consultation = Consultation(
        title=title,
        department=department,
        background=background,
        legal_basis=legal_basis,
        explanation=f"草案共{len(clauses)}条，已征求区财政局、区科技创新促进局意见。",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=29),
        offline_channels=(
            "信函：贵阳国家高新区管委会产业发展局（长岭南路1号管委会大楼5楼，邮编550081），"
            "请在信封上注明“征求意见”；电话：0851-84110510（工作日9:00—17:30）。"
        ),
        live=False,
    )
    consultation.clauses = [Clause(heading=h, text=t) for h, t in clauses]
    consultation.full_clean()
    consultation.save()
    return _sign_off(consultation, users)


def _sign_off(obj, users):
    return sign_off_through(
        obj,
        submitter=users[Role.EDITOR],
        head=users[Role.HEAD],
        reviewer=users[Role.REVIEWER],
        override_reason=OVERRIDE_REASON,
    )


def _comment(consultation, account, heading, text):
    from gongkai.consultations import services

    clause = consultation.clauses.filter(heading=heading).first() if heading else None
    return services.comment_submit(
        consultation=consultation,
        user=account.user,
        text=text,
        nonce=_nonce("comment", consultation.pk, account.pk),
        clause_id=clause.pk if clause else None,
    ).comment


def _open_consultation(department, users, accounts, today: date) -> int:
    from gongkai.consultations import services
    from gongkai.consultations.models import Consultation

    if Consultation.objects.filter(title=OPEN_TITLE).exists():
        return 0
    consultation = _consultation(
        department,
        users,
        title=OPEN_TITLE,
        clauses=OPEN_CLAUSES,
        starts_on=today - timedelta(days=6),
        background=(
            "为加快发展软件和信息技术服务业，打造数字经济发展创新区，产业发展局在调研"
            "区内120余家软件企业的基础上起草了本措施，现公开征求社会各界意见。"
        ),
        legal_basis="《优化营商环境条例》；《贵州省大数据发展应用促进条例》",
    )
    editor = users[Role.EDITOR]
    for number, heading, text, refusal in OPEN_COMMENTS:
        comment = _comment(consultation, accounts[number], heading, text)
        if refusal is None:
            services.comment_approve(comment=comment, user=editor)
        else:
            services.comment_refuse(comment=comment, user=editor, reason=refusal)
    return 1


def _closed_consultation(department, users, accounts, today: date) -> int:
    """Commented on while open, then re-dated to a period that ended 40 days ago; every comment
    disposed of and the adoption report generated and signed off."""
    from gongkai.consultations import services
    from gongkai.consultations.models import Comment, Consultation

    if Consultation.objects.filter(title=CLOSED_TITLE).exists():
        return 0
    consultation = _consultation(
        department,
        users,
        title=CLOSED_TITLE,
        clauses=CLOSED_CLAUSES,
        starts_on=today,
        background=(
            "原《贵阳国家高新区工业企业技术改造奖补办法》施行以来，共支持技术改造项目46个。"
            "为进一步降低申报门槛、提高兑现效率，产业发展局起草了修订稿。"
        ),
        legal_basis="《中华人民共和国中小企业促进法》；《优化营商环境条例》",
    )
    editor = users[Role.EDITOR]
    comments = []
    for number, heading, text, disposition, reason in CLOSED_COMMENTS:
        comment = _comment(consultation, accounts[number], heading, text)
        comments.append(
            (services.comment_approve(comment=comment, user=editor), disposition, reason)
        )
    ends_on = today - timedelta(days=40)
    starts_on = ends_on - timedelta(days=29)
    Consultation.objects.filter(pk=consultation.pk).update(starts_on=starts_on, ends_on=ends_on)
    for offset, (comment, _, _) in enumerate(comments):
        submitted = _moment(starts_on + timedelta(days=3 + 7 * offset), hour=10)
        Comment.objects.filter(pk=comment.pk).update(
            created_at=submitted,
            moderated_at=submitted + timedelta(hours=20),
            tracking_number=_dated(comment.tracking_number, submitted),
        )
    consultation.refresh_from_db()
    for comment, disposition, reason in comments:
        services.comments_dispose(
            consultation=consultation,
            comment_ids=[comment.pk],
            user=editor,
            disposition=disposition,
            reason=reason,
        )
    _sign_off(services.report_generate(consultation=consultation, user=editor), users)
    return 1


def _dated(tracking_number: str, made: datetime) -> str:
    """A comment's (YJ) or message's (LY) number with the day it was re-dated to: its two
    letters, that day, and the random rest kept."""
    letters, random_rest = tracking_number[:2], tracking_number[len("YJ20260101") :]
    return f"{letters}{timezone.localtime(made):%Y%m%d}{random_rest}"


def _moment(on: date, *, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(on, time(hour)))


# --- messages to the government --------------------------------------------------------------

CATEGORIES = (
    # name, department code, reply days
    ("企业服务", "cyfz", 5),
    ("城乡建设", "ghjs", 5),
)
REPLIED = (
    "软件企业房租补贴什么时候可以申报？",
    "我公司去年迁入高新区，从事软件开发，租用办公用房约800平方米。请问软件企业房租补贴"
    "每年什么时候申报，需要准备哪些材料？",
    "您好！软件和信息技术服务企业房租补贴每年3月集中受理，请在贵州政务服务网高新区专区"
    "提交申请，材料包括营业执照、房屋租赁合同、租金支付凭证和上年度财务报表。"
    "受理后20个工作日内完成审核并公示。感谢您对高新区产业发展工作的关注！",
)
TRANSFERRED = (
    "标准厂房入驻能否享受技术改造奖补？",
    "我们是一家租用沙文园区标准厂房的装备制造企业，今年新购置了一条自动化生产线，"
    "请问租用厂房的企业能否申报技术改造奖补？",
    "您好！技术改造奖补不以厂房权属为条件，租用标准厂房的规模以上工业企业，项目完工并"
    "投入使用后即可申报。具体条件详见《贵阳国家高新区工业企业技术改造奖补办法》，"
    "申报通知将在高新区门户网站发布。",
    "留言咨询技术改造奖补政策，属产业发展局职责，转产业发展局办理。",
)
OVERDUE = (
    "高新技术企业培育库奖励何时兑现？",
    "我公司去年入选高新区高新技术企业培育库，按政策应获得入库奖励，至今尚未收到，"
    "请问奖励资金何时拨付？",
)


def _messages(departments, users, accounts, today: date) -> int:
    from gongkai.interaction import services
    from gongkai.interaction.models import Message, MessageCategory

    if Message.objects.filter(title=REPLIED[0]).exists():
        return 0
    categories = {
        name: MessageCategory.objects.get_or_create(
            name=name, defaults={"department": departments[code], "reply_days": days}
        )[0]
        for name, code, days in CATEGORIES
    }
    editor, head = users[Role.EDITOR], users[Role.HEAD]

    def write(account, category, title, body):
        return services.message_submit(
            user=account.user,
            category_id=categories[category].pk,
            title=title,
            body=body,
            nonce=_nonce("message", account.pk, categories[category].pk),
        ).message

    def answer(message, text):
        services.reply_save(message=message, user=editor, text=text, submit=True)
        return services.reply_publish(message=message, user=head)

    title, body, reply = REPLIED
    message = answer(write(accounts[2], "企业服务", title, body), reply)
    services.message_rate(message=message, user=accounts[2].user, rating=5, solved=True)
    _received_on(message, today - timedelta(days=12))

    title, body, reply, reason = TRANSFERRED
    message = write(accounts[1], "城乡建设", title, body)
    services.message_transfer(
        message=message, user=users[Role.REVIEWER], department=departments[DEPARTMENT],
        reason=reason,
    )  # fmt: skip
    _received_on(answer(message, reply), today - timedelta(days=9))

    title, body = OVERDUE
    _received_on(write(accounts[0], "企业服务", title, body), today - timedelta(days=21))
    return 1


# Each step of a message's timeline: working days after the step before, and the hour it is
# taken at, so that the demo's timelines read as a week of work rather than one minute.
STEP_TIMING = {
    "received": (0, 9),
    "assigned": (0, 15),
    "transferred": (1, 10),
    "replied": (2, 16),
    "rated": (1, 20),
}


def _received_on(message, received_on: date) -> None:
    """Re-date a message and its timeline to have been received on ``received_on``, its
    deadline counted from then as on receipt and each later step dated by STEP_TIMING. The
    unanswered one, three weeks back, is past its 5 working days even across a holiday week:
    in the overdue queue."""
    from gongkai.interaction.models import Message

    calendar = current_calendar()
    day, moments = received_on, {}
    for event in message.events.order_by("at", "id"):
        days, hour = STEP_TIMING[event.kind]
        day = calendar.add_working_days(day, days) if days else day
        moments[event.kind] = _moment(day, hour=hour)
        message.events.filter(pk=event.pk).update(at=moments[event.kind])
    Message.objects.filter(pk=message.pk).update(
        tracking_number=_dated(message.tracking_number, moments["received"]),
        received_at=moments["received"],
        due_on=calendar.add_working_days(received_on, message.category.reply_days),
        replied_at=moments.get("replied"),
        rated_at=moments.get("rated"),
    )


# --- 政策问答 --------------------------------------------------------------------------------

ANSWERS = (
    # question, answer, document keys (by title)
    ("软件企业的研发投入奖励如何计算？",
     "对企业年度研发投入超过300万元的部分按10%给予奖励，单个企业每年最高100万元。"
     "研发投入以税务部门研发费用加计扣除数据为准，每年4月申报。",
     ("关于促进软件和信息技术服务业高质量发展的意见",)),
    ("工业企业申报技术改造奖补需要满足哪些条件？",
     "申报企业须在高新区注册并纳入规模以上工业统计，技术改造项目须已完工投入使用，"
     "设备投资额达到办法规定的标准。奖补资金由产业发展局会同财政局评审后拨付。",
     ("贵阳国家高新区工业企业技术改造奖补办法", "关于支持工业企业稳增长的若干意见")),
)  # fmt: skip


def _answers(department, users) -> int:
    from gongkai.documents.selectors import public_documents
    from gongkai.interaction.models import Message
    from gongkai.knowledge import services
    from gongkai.knowledge.models import PolicyAnswer

    if PolicyAnswer.objects.filter(question=ANSWERS[0][0]).exists():
        return 0
    editor = users[Role.EDITOR]
    for question, text, titles in ANSWERS:
        answer = PolicyAnswer(question=question, answer=text, department=department, live=False)
        answer.documents = list(public_documents().filter(title__in=titles))
        answer.save()
        services.answer_saved(answer=answer, user=editor, created=True)
        _sign_off(answer, users)
    replied = Message.objects.filter(title=REPLIED[0]).first()
    if replied is not None:
        promoted = services.answer_promote(message=replied, user=editor)
        promoted.documents = list(
            public_documents().filter(title="关于促进软件和信息技术服务业高质量发展的意见")
        )
        _sign_off(promoted, users)
    return 1


# --- 回应关切 ----------------------------------------------------------------------------------

CONCERN_TITLE = "软件企业反映房租补贴兑现周期长"
CONCERN = (
    "多家软件企业在网络论坛和12345热线反映，上年度房租补贴申报后半年仍未到账，"
    "影响企业资金周转，部分企业表示考虑迁出。"
)
RESPONSE = (
    "产业发展局高度重视企业反映的问题。经核实，上年度房租补贴因申报材料集中补正，审核时间较长。"
    "目前已完成全部审核，补贴资金将于本月底前拨付到位。今后将实行线上申报、限时办结，"
    "自受理之日起20个工作日内完成审核并公示，公示结束后10个工作日内拨付。"
)


def _concern(department, users, today: date) -> int:
    from gongkai.concerns import services
    from gongkai.concerns.models import PublicConcern
    from gongkai.concerns.services import ConcernFields
    from gongkai.documents.selectors import public_documents

    if PublicConcern.objects.filter(title=CONCERN_TITLE).exists():
        return 0
    editor, head = users[Role.EDITOR], users[Role.HEAD]
    concern = services.concern_record(
        user=editor,
        fields=ConcernFields(
            title=CONCERN_TITLE,
            description=CONCERN,
            channel="hotline",
            raised_on=today - timedelta(days=6),
            lead_department=department,
            owner=head,
            source_note="12345热线工单及网络论坛帖文汇总",
            supporting_departments=[],
        ),
    )
    response = services.response_save(
        concern=concern,
        user=editor,
        text=RESPONSE,
        responded_on=today - timedelta(days=2),
        documents=public_documents().filter(title="关于促进软件和信息技术服务业高质量发展的意见"),
    )
    services.response_publish(response=response, user=head)
    return 1
