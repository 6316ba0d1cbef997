"""Back office of 政策通 (Wagtail admin): the rule editor with its live preview and candidate
conditions, a policy's match lists, the import of enterprises. Writes go through ``services``."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.core.admin_views import visible_instances
from gongkai.enterprise import candidates, imports, rules, selectors, services
from gongkai.enterprise.forms import ImportForm, RuleForm
from gongkai.enterprise.models import SupportPolicy

OUTCOMES = {
    "met": gettext_lazy("符合"),
    "near": gettext_lazy("差一项"),
    "unknown": gettext_lazy("缺少数据"),
}


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _source_text(policy: SupportPolicy) -> str:
    if policy.conditions_text:
        return policy.conditions_text
    return policy.document.body_text if policy.document else ""


def _with_candidates(rule: dict, chosen: list[dict]) -> dict:
    """The rule with the confirmed candidates added to its top-level "all"."""
    if not rule:
        return {"all": chosen} if len(chosen) > 1 else chosen[0]
    if "all" in rule:
        return {**rule, "all": [*rule["all"], *chosen]}
    return {"all": [rule, *chosen]}


def rule_editor(request, pk: int):
    """规则编辑: the rule as JSON, the candidate conditions found in the 申报条件 text (added only
    when the editor ticks them), and the live preview."""
    _require(request.user.has_perm("enterprise.change_supportpolicy"))
    policy = get_object_or_404(visible_instances(request.user, SupportPolicy), pk=pk)
    found = candidates.extract(_source_text(policy))
    form = RuleForm(request.POST or None, initial={
        "rule": json.dumps(policy.rule or {"all": []}, ensure_ascii=False, indent=2)})  # fmt: skip
    if request.method == "POST":
        if "add_candidates" in request.POST:
            chosen = [found[int(i)].condition for i in request.POST.getlist("candidate")
                      if i.isdigit() and int(i) < len(found) and found[int(i)].complete]  # fmt: skip
            if chosen:
                base = policy.rule or {}
                try:
                    current = json.loads(request.POST.get("rule", "")) or base
                except json.JSONDecodeError:
                    current = base
                merged = _with_candidates(current, chosen)
                form = RuleForm(initial={"rule": json.dumps(merged, ensure_ascii=False, indent=2)})
                messages.info(request, _("已加入所选条件，保存后生效。"))
        elif form.is_valid():
            policy.rule = form.cleaned_data["rule"]
            services.save_policy(policy=policy, user=request.user)
            messages.success(request, _("规则已保存，正在重新匹配。"))
            return redirect("enterprise_admin:rule", pk=policy.pk)
    context = {
        "policy": policy,
        "form": form,
        "candidates": list(enumerate(found)),
        "fields": [(name, spec.label) for name, spec in rules.FIELDS.items()],
    }
    return TemplateResponse(request, "enterprise/admin/rule.html", context)


@require_POST
def rule_preview(request):
    """The live preview: how many enterprises the rule being written meets now, and a sample."""
    _require(request.user.has_perm("enterprise.change_supportpolicy"))
    try:
        data = json.loads(request.body or b"null")
        return JsonResponse(services.preview(data))
    except json.JSONDecodeError as error:
        return JsonResponse({"error": _("不是有效的 JSON：%(error)s") % {"error": error.msg}},
                            status=422)  # fmt: skip
    except rules.RuleError as error:
        return JsonResponse({"error": str(error)}, status=422)


def policy_matches(request, pk: int):
    """匹配名单: who qualifies, who nearly does (one requirement missed), who lacks data."""
    _require(request.user.has_perm("enterprise.view_supportpolicy"))
    policy = get_object_or_404(visible_instances(request.user, SupportPolicy), pk=pk)
    outcome = request.GET.get("outcome", "met")
    if outcome not in OUTCOMES:
        outcome = "met"
    page = Paginator(selectors.policy_enterprises(policy, outcome), 50).get_page(
        request.GET.get("p")
    )
    context = {
        "policy": policy,
        "match": getattr(policy, "match", None),
        "outcome": outcome,
        "outcomes": OUTCOMES.items(),
        "page": page,
    }
    return TemplateResponse(request, "enterprise/admin/matches.html", context)


def import_enterprises(request):
    """导入企业: XLSX/CSV, row by row; rows with errors are listed and left out."""
    _require(request.user.has_perm("enterprise.add_enterprise"))
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read(upload.name, upload.read())
        except (ValueError, UnicodeDecodeError):
            form.add_error("file", _("无法读取该文件。"))
        else:
            saved, errors = services.import_enterprises(rows, user=request.user)
            result = {"saved": saved, "errors": errors}
    return TemplateResponse(
        request, "enterprise/admin/import.html", {"form": form, "result": result}
    )
