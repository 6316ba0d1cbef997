"""Texts of the e-mails to applicants and staff (Chinese, then English). No personal data
beyond the applicant's own name goes into a staff reminder. Mails to an applicant are signed by
the body that answers the request (``selectors.answering_body``), staff reminders by the site."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings

from gongkai.disclosure.clock import ClockState

SITE = getattr(settings, "WAGTAIL_SITE_NAME", "Gongkai")


def acknowledgement(request, link: str, signature: str) -> tuple[str, str]:
    subject = f"政府信息公开申请已收到 Request received: {request.tracking_number}"
    body = (
        f"{request.applicant_name}：\n\n"
        f"您的政府信息公开申请已收到，申请编号：{request.tracking_number}，"
        f"收到申请之日：{request.received_on}。\n"
        f"请通过以下专属链接查看办理进度、答复期限和答复内容（请勿转发）：\n{link}\n\n"
        f"Your request was received on {request.received_on}; tracking number "
        f"{request.tracking_number}. Follow it through your private link (do not share it):\n"
        f"{link}\n\n{signature}"
    )
    return subject, body


_NOTICES = {
    "correction_requested": (
        "请补正您的政府信息公开申请",
        "Please correct your disclosure request",
        "本机关请您补正申请，请通过专属链接查看补正事项和补正期限，并在线提交补正内容。",
        "We ask you to correct your request: see what to correct and by when through your "
        "private link, and send the correction there.",
    ),
    "extended": (
        "政府信息公开申请延期答复告知",
        "The reply to your request is extended",
        "经政府信息公开工作机构负责人同意，您的申请答复期限延长，具体理由和新的答复期限请通过专属链接查看"
        "（《中华人民共和国政府信息公开条例》第三十三条第二款）。",
        "With the approval of the head of the disclosure office, the reply deadline is "
        "extended; see the reason and the new deadline through your private link.",
    ),
    "fee_notice": (
        "政府信息公开信息处理费收费通知",
        "Fee notice for your disclosure request",
        "您的申请需缴纳信息处理费（国办函〔2020〕109号），金额、缴费方式和期限请通过专属链接查看；"
        "逾期未缴纳的，视为放弃申请。",
        "Your request incurs an information processing fee; see the amount and the deadline "
        "through your private link. If it is not paid in time the request lapses.",
    ),
    "replied": (
        "政府信息公开申请已答复",
        "Your disclosure request has been answered",
        "您的申请已作出答复，答复告知书可通过专属链接查看和下载。",
        "Your request has been answered; read and download the reply letter through your "
        "private link.",
    ),
}


def applicant_notice(request, kind: str, lookup_link: str, signature: str) -> tuple[str, str]:
    subject_zh, subject_en, text_zh, text_en = _NOTICES[kind]
    subject = f"{subject_zh} {subject_en}: {request.tracking_number}"
    body = (
        f"{request.applicant_name}：\n\n{text_zh}\n申请编号：{request.tracking_number}\n\n"
        f"{text_en}\nTracking number: {request.tracking_number}\n\n"
        f"忘记专属链接的，可凭申请编号和申请时填写的联系电话或电子邮箱在此查询 / Look it up "
        f"here with your tracking number and the phone or e-mail you gave: {lookup_link}\n\n"
        f"{signature}"
    )
    return subject, body


WARNING_LABELS = {
    "overdue": ("已逾期", "overdue"),
    "due_soon_2": ("剩余不超过2个工作日", "2 working days or fewer left"),
    "due_soon_5": ("剩余不超过5个工作日", "5 working days or fewer left"),
}


def reminder_mails(
    items: Iterable[tuple[object, ClockState]],
) -> list[tuple[list[str], str, str]]:
    """(recipients, subject, body) for each department with requests to warn about, and one
    for the openness office with all of them."""
    from gongkai.disclosure.selectors import office_emails

    by_department: dict[object, list[str]] = defaultdict(list)
    everything: list[str] = []
    for request, state in items:
        line = _reminder_line(request, state)
        everything.append(line)
        if request.department is not None and request.department.email:
            by_department[request.department].append(line)
    mails = [
        ([department.email], _reminder_subject(department.name, len(lines)), _reminder_body(lines))
        for department, lines in by_department.items()
    ]
    office = office_emails()
    if everything and office:
        mails.append(
            (office, _reminder_subject("政务公开办", len(everything)), _reminder_body(everything))
        )
    return mails


def _reminder_line(request, state: ClockState) -> str:
    zh, en = WARNING_LABELS[state.warning]
    department = request.department.name if request.department else "未分配 unassigned"
    return (
        f"{request.tracking_number}  {department}  答复期限 due {state.due_on}  {zh} / {en}"
        f"（{state.working_days_left}）"
    )


def _reminder_subject(name: str, count: int) -> str:
    return f"依申请公开到期提醒 Disclosure requests due: {name} {count}"


def _reminder_body(lines: list[str]) -> str:
    return (
        "以下政府信息公开申请即将到期或已逾期，请及时办理：\n"
        "These disclosure requests are due soon or overdue:\n\n" + "\n".join(lines) + f"\n\n{SITE}"
    )
