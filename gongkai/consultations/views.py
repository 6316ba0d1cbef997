"""The public 意见征集 pages: the list, a consultation with its clauses, published comments and
adoption report, the list of closed consultations waiting for their report (cached pages), and
the comment and report forms (not cached: they carry a CSRF token and need an account)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gongkai.accounts import tokens
from gongkai.accounts.selectors import participation_refusal, public_name
from gongkai.accounts.views import public_account_required, rate_limited
from gongkai.consultations import limits, rules, selectors, services
from gongkai.consultations.forms import CommentForm
from gongkai.consultations.models import Comment, CommentStatus, Consultation
from gongkai.core.addresses import client_address
from gongkai.core.pagecache import list_tag, obj_tag, public_page, tag

PAGE_SIZE = 20
PHASES = [rules.Phase.OPEN, rules.Phase.CLOSED, rules.Phase.REPORTED, rules.Phase.UPCOMING]


@require_safe
@public_page(list_tag(Consultation))
def consultation_list(request):
    phase = request.GET.get("phase", "")
    if phase not in PHASES:
        phase = ""
    today = timezone.localdate()
    consultations = selectors.filter_by_phase(selectors.public_consultations(), phase, today)
    page = Paginator(consultations, PAGE_SIZE).get_page(request.GET.get("page"))
    for consultation in page:
        consultation.current_phase = consultation.phase(today)
    context = {"page_obj": page, "phase": phase, "section": "consultations"}
    return render(request, "consultations/list.html", context)


@require_safe
@public_page()
def consultation_detail(request, pk: int):
    consultation = selectors.public_consultation(pk)
    if consultation is None:
        raise Http404
    tag(request, obj_tag(consultation), obj_tag(consultation.department))
    if consultation.final_document_id:
        tag(request, obj_tag(consultation.final_document))
    return render(request, "consultations/detail.html", selectors.detail_context(consultation))


@require_safe
@public_page(list_tag(Consultation))
def awaiting_report(request):
    context = {"rows": selectors.awaiting_reports(), "section": "consultations"}
    return render(request, "consultations/awaiting.html", context)


@public_account_required
def comment(request, pk: int):
    consultation = selectors.public_consultation(pk)
    if consultation is None:
        raise Http404
    clauses = list(consultation.clauses.all())
    context = {"consultation": consultation, "refusal": participation_refusal(request.user)}
    context["open"] = consultation.phase() == rules.Phase.OPEN
    if request.method != "POST":
        initial = {"nonce": tokens.new_nonce(), "clause": request.GET.get("clause", "")}
        context["form"] = CommentForm(initial=initial, clauses=clauses)
        return render(request, "consultations/comment.html", context)
    subjects = (client_address(request), f"account:{request.user.pk}")
    if not limits.COMMENT.allowed(*subjects):
        return rate_limited(request, limits.COMMENT)
    form = context["form"] = CommentForm(request.POST, clauses=clauses)
    if not form.is_valid():
        return render(request, "consultations/comment.html", context, status=400)
    try:
        submission = services.comment_submit(
            consultation=consultation,
            user=request.user,
            text=form.cleaned_data["text"],
            clause_id=form.cleaned_data["clause"],
            nonce=form.cleaned_data["nonce"],
        )
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _error_text(error))
        return render(request, "consultations/comment.html", context, status=400)
    if submission.created:
        limits.COMMENT.count(*subjects)
    messages.success(request, _acknowledgement(submission.comment))
    return redirect("accounts:mine")


def _error_text(error) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("您不能提交意见。")


def _acknowledgement(comment: Comment) -> str:
    number = {"number": comment.tracking_number}
    if comment.status == CommentStatus.REJECTED:
        return _("意见已收到（编号 %(number)s），但含有不宜公开的内容，未予公开。") % number
    return _("意见已提交（编号 %(number)s），审核后公开。") % number


@public_account_required
def report_comment(request, pk: int):
    """举报 a published comment: a confirmation page, then the report."""
    comment = get_object_or_404(
        Comment.objects.select_related("consultation", "account"),
        pk=pk,
        status=CommentStatus.PUBLISHED,
        consultation__live=True,
    )
    if request.method != "POST":
        context = {"comment": comment, "author": public_name(comment.account)}
        return render(request, "consultations/report_comment.html", context)
    subjects = (client_address(request), f"account:{request.user.pk}")
    if not limits.REPORT.allowed(*subjects):
        return rate_limited(request, limits.REPORT)
    try:
        services.comment_report(comment=comment, user=request.user)
        limits.REPORT.count(*subjects)
        messages.success(request, _("举报已收到，我们会尽快核实。"))
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    return redirect(comment.consultation.get_absolute_url())
