"""The declared authorisation table: for every back-office route and staff API operation, who
gets through (tests/authz/test_matrix.py checks it against the URL conf and cell by cell).

Keys are route ids (``namespace:name``, or the pattern of an unnamed route) or fnmatch patterns
over them; an exact id wins over a pattern, and among patterns the longest wins.
"""

from dataclasses import dataclass, field

from gongkai.core.roles import Role

E, H, R, A, ADMIN = Role.EDITOR, Role.HEAD, Role.REVIEWER, Role.ASSESSOR, Role.ADMIN
NOBODY = frozenset()
READERS = frozenset({E, H, R, A, ADMIN})  # every staff role
LIBRARY = frozenset({E, H, R, ADMIN})  # who drafts and edits
OFFICE = frozenset({R, ADMIN})  # the openness office
OFFICE_READERS = frozenset({R, A, ADMIN})
PUBLISHERS = frozenset({H, R, ADMIN})
HEAD_TASK = frozenset({H, ADMIN})  # the dataset's drafts wait for their head's review
ADMIN_ONLY = frozenset({ADMIN})


@dataclass(frozen=True)
class Scoped:
    """A view of one department's object (``target`` in the dataset): the roles in ``roles``
    get through on their own department's object, department-scoped roles never on another's.
    On a route that names no object (a list, a form) it is role-only, and the department-scoped
    roles must not find the other department's draft in what it shows. ``params`` fill URL
    arguments, ``data`` is the POST (or the API's JSON) body; a callable value is called with
    the object."""

    target: str
    roles: frozenset = READERS
    method: str = "get"
    params: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RoleOnly:
    """A view of no department's object (a shared register, Wagtail's own areas): the roles in
    ``roles`` get through, the others are refused. ``target`` names the common object the URL
    names, if any."""

    roles: frozenset
    target: str | None = None
    method: str = "get"
    params: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    wagtail_area: bool = False


def wagtail_area(roles=ADMIN_ONLY, target=None, method="get", **kwargs):
    """Wagtail's own areas: its views read only Django and Wagtail permissions on Wagtail's
    models, which no role but the administrators' holds (test_matrix checks it), so the
    reviewer's cell stands for the editor's, the head's and the assessor's."""
    return RoleOnly(roles, target, method, wagtail_area=True, **kwargs)


@dataclass(frozen=True)
class Exempt:
    """Not an authorisation question; ``reason`` says why."""

    reason: str


PAGE = {
    "content_type_app_name": "portal",
    "content_type_model_name": "guidepage",
    "app_label": "portal",
    "model_name": "guidepage",
    "destination_id": 1,
}
NO_PAGE_STATE = {"revision_id": 0, "task_state_id": 0, "task_id": 0, "workflow_state_id": 0}
WORKFLOW_TASK = {
    "app_label": "wagtailcore",
    "model_name": "groupapprovaltask",
    "task_id": lambda task: task.pk,
}
SETTINGS = {"app_name": "documents", "model_name": "opennesssettings"}
MEDIA_NAME = {"name": lambda obj: obj.file.name}
NO_UPLOAD = {"uploaded_file_id": 0}
BY_ID = {"id": lambda obj: obj.pk}
REASON = {"reason": "测试"}
ANSWER = {"reply": "已核实。"}
DISPOSE = {
    "comments": lambda consultation: [consultation.comments.first().pk],
    "disposition": "adopted",
    "reason": "采纳。",
}
REQUEST_IN = {
    "applicant_type": "natural_person",
    "applicant_name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "description": "请公开2025年本区财政预算执行情况的报告。",
    "channel": "in_person",
    "received_on": "2026-03-02",
    "department_id": lambda department: department.pk,
}


def snippets(app_model, target, roles=READERS, *, scoped=True, **views):
    """A snippet viewset and its chooser under one rule; ``views`` give single views theirs
    (Wagtail asks "change" for most, "delete", "lock", "unlock", "unpublish" or the current
    workflow task for others; ``create`` is the chooser's)."""

    def make(view_roles):
        return Scoped(target, view_roles) if scoped else RoleOnly(view_roles, target)

    rules = {
        f"wagtailsnippets_{app_model}:*": make(roles),
        f"wagtailsnippetchoosers_{app_model}:*": make(roles),
    }
    for view, view_roles in views.items():
        namespace = "wagtailsnippetchoosers" if view == "create" else "wagtailsnippets"
        rules[f"{namespace}_{app_model}:{view}"] = make(view_roles)
    return rules


_CHANGE = ("add", "edit", "copy", "usage", "create")
# A draft for sign-off: read by every role, changed by the library, published by sign-off.
SIGN_OFF_ITEM = {
    **dict.fromkeys((*_CHANGE, "preview_on_add", "preview_on_edit", "revisions_revert"), LIBRARY),
    "delete": ADMIN_ONLY,
    "lock": HEAD_TASK,
    "unlock": ADMIN_ONLY,
    "unpublish": OFFICE,
    "revisions_unschedule": OFFICE,
    "workflow_action": HEAD_TASK,
    "collect_workflow_action_data": HEAD_TASK,
    "workflow_preview": HEAD_TASK,
}
# Edited by the library, read by assessors too.
EDITED = {**dict.fromkeys(_CHANGE, LIBRARY), "delete": ADMIN_ONLY}
# Reference data: read by the library, changed by administrators.
ADMINISTERED = dict.fromkeys((*_CHANGE, "delete"), ADMIN_ONLY)

RULES: dict[str, Scoped | RoleOnly | Exempt] = {
    # --- department-scoped snippets ------------------------------------------------------
    **snippets("documents_document", "document", **SIGN_OFF_ITEM, validity=OFFICE, withdraw=OFFICE),
    **snippets("documents_interpretation", "interpretation", **SIGN_OFF_ITEM),
    **snippets("consultations_consultation", "consultation", **SIGN_OFF_ITEM),
    # Generated from the dispositions (consultations_admin:report), never added or copied.
    **snippets(
        "consultations_adoptionreport",
        "adoption_report",
        **{**SIGN_OFF_ITEM, **dict.fromkeys(("add", "copy", "create", "preview_on_add"), NOBODY)},
    ),
    **snippets("knowledge_policyanswer", "policy_answer", **SIGN_OFF_ITEM),
    # One report per year and body: no copy view, no preview before the draft exists.
    **snippets(
        "reports_annualreport",
        "report",
        **dict.fromkeys(("add", "edit", "usage", "create", "preview_on_edit"), LIBRARY),
        delete=ADMIN_ONLY,
    ),
    "wagtailsnippets_reports_annualreport:download": Scoped("report", params={"fmt": "xlsx"}),
    **snippets(
        "disclosure_reconsiderationorlawsuit",
        "case",
        OFFICE_READERS,
        **dict.fromkeys(_CHANGE, OFFICE),
        delete=ADMIN_ONLY,
    ),
    **snippets("enterprise_supportpolicy", "policy", **EDITED),
    **snippets("enterprise_programme", "programme", **SIGN_OFF_ITEM),
    **snippets("enterprise_fundedproject", "funded", **EDITED),
    **snippets("areas_serviceguide", "service_guide", **SIGN_OFF_ITEM),
    **snippets("areas_certificateitem", "certificate_item", **SIGN_OFF_ITEM),
    **snippets("areas_budgetdisclosure", "budget_disclosure", **SIGN_OFF_ITEM),
    **snippets("areas_debtdisclosure", "debt_disclosure", **SIGN_OFF_ITEM),
    **snippets("areas_employmentrecord", "employment_record", **SIGN_OFF_ITEM),
    **snippets("areas_reformmeasure", "reform_measure", **SIGN_OFF_ITEM),
    # --- shared registers and reference data ---------------------------------------------
    **snippets("enterprise_enterprise", "enterprise", scoped=False, **EDITED),
    **snippets("documents_documentkind", "document_kind", LIBRARY, scoped=False, **ADMINISTERED),
    **snippets("documents_topic", "topic", LIBRARY, scoped=False, **ADMINISTERED),
    **snippets("core_department", "department", scoped=False, **ADMINISTERED),
    **snippets(
        "core_departmentgroup", "department_group", OFFICE_READERS, scoped=False, **ADMINISTERED
    ),
    **snippets("core_staffprofile", "staff_profile", ADMIN_ONLY, scoped=False),
    **snippets("core_holidayarrangement", "holiday", ADMIN_ONLY, scoped=False),
    # The audit log is read, never written, even by administrators.
    **snippets(
        "core_auditevent",
        "audit_event",
        OFFICE_READERS,
        scoped=False,
        **dict.fromkeys((*_CHANGE, "delete"), NOBODY),
    ),
    **snippets("assessment_columnrule", "column_rule", ADMIN_ONLY, scoped=False),
    # 考核指标: assessors and administrators edit the definitions and weights; each indicator is
    # a rule of the code, so no one adds or deletes one here.
    **snippets(
        "assessment_indicator",
        "indicator",
        frozenset({A, ADMIN}),
        scoped=False,
        **dict.fromkeys(("add", "create", "delete"), NOBODY),
    ),
    # 考核设置 (the 通报 line): one row for the site, changed by assessors and administrators.
    **snippets(
        "assessment_assessmentsettings",
        "assessment_settings",
        frozenset({A, ADMIN}),
        scoped=False,
        **dict.fromkeys(("add", "create", "delete"), NOBODY),
    ),
    **snippets(
        "disclosure_replytemplate",
        "reply_template",
        LIBRARY,
        scoped=False,
        **dict.fromkeys(_CHANGE, OFFICE),
        delete=ADMIN_ONLY,
    ),
    # 政民互动: the messages are their department's; categories, routing rules and reply
    # templates are the office's set-up.
    **snippets(
        "interaction_messagecategory",
        "message_category",
        scoped=False,
        **dict.fromkeys(_CHANGE, OFFICE),
        delete=ADMIN_ONLY,
    ),
    **snippets(
        "interaction_routingrule",
        "routing_rule",
        OFFICE_READERS,
        scoped=False,
        **dict.fromkeys(_CHANGE, OFFICE),
        delete=ADMIN_ONLY,
    ),
    **snippets(
        "interaction_replytemplate",
        "message_reply_template",
        scoped=False,
        **dict.fromkeys(_CHANGE, OFFICE),
        delete=ADMIN_ONLY,
    ),
    "interaction_admin:*": Scoped("message"),
    # 政策问答库: a department promotes its own replies; heads and the office review entries.
    "knowledge_admin:promote": Scoped("message", LIBRARY, "post"),
    "knowledge_admin:queue": Scoped("policy_answer"),
    "knowledge_admin:review": Scoped("policy_answer", PUBLISHERS),
    "wagtailsnippets:index": RoleOnly(READERS),
    # --- 信息公开申请 ------------------------------------------------------------------------
    "disclosure_admin:dashboard": Scoped("request"),
    "disclosure_admin:list": Scoped("request"),
    "disclosure_admin:register": RoleOnly(LIBRARY),
    "disclosure_admin:detail": Scoped("request"),
    "disclosure_admin:event": Scoped(
        "request", LIBRARY, "post", params={"kind": "correction_received"}
    ),
    "disclosure_admin:fee": Scoped("request", LIBRARY, "post"),
    "disclosure_admin:reply": Scoped("request", LIBRARY, "post"),
    "disclosure_admin:delivery": Scoped("request", LIBRARY, "post"),
    "disclosure_admin:assign": Scoped("request", LIBRARY, "post"),
    "disclosure_admin:proactive": Scoped("request", LIBRARY, "post"),
    # A request not yet answered has no letter: 404 to everyone, after the department check.
    "disclosure_admin:letter": Scoped("request", NOBODY, params={"fmt": "pdf"}),
    "disclosure_admin:attachment": Scoped("request", LIBRARY),
    "core_media_staff": Scoped("document_attachment", params=MEDIA_NAME),
    # --- 执行公开: plans are the office's and followed by every department; tasks concern the
    # departments named as their units.
    "execution_admin:dashboard": Scoped("task"),
    "execution_admin:plans": RoleOnly(READERS),
    "execution_admin:plan_new": RoleOnly(OFFICE),
    "execution_admin:plan": RoleOnly(READERS, "plan"),
    "execution_admin:plan_publish": RoleOnly(OFFICE, "plan", "post"),
    "execution_admin:tasks": Scoped("task"),
    "execution_admin:task": Scoped("task"),
    "execution_admin:task_edit": Scoped("task", OFFICE),
    "execution_admin:task_report": Scoped("task", frozenset({E, H})),
    "execution_admin:finding_new": Scoped("task", OFFICE),
    "execution_admin:finding_edit": Scoped("finding", OFFICE),
    "execution_admin:finding_publish": Scoped("finding", OFFICE, "post"),
    "execution_admin:evidence": Scoped("evidence"),
    "execution_admin:proposals": RoleOnly(OFFICE),
    "execution_admin:proposal": RoleOnly(ADMIN_ONLY, "proposal"),
    # --- 决策预公开 --------------------------------------------------------------------------
    "consultations_admin:queue": Scoped("consultation", LIBRARY),
    "consultations_admin:comments": Scoped("consultation"),
    "consultations_admin:export": Scoped("consultation", LIBRARY, params={"fmt": "csv"}),
    "consultations_admin:dispose": Scoped("consultation", LIBRARY, "post", data=DISPOSE),
    "consultations_admin:report": Scoped("consultation"),
    "consultations_admin:approve": Scoped("comment", LIBRARY, "post"),
    "consultations_admin:refuse": Scoped("comment", LIBRARY, "post", data=REASON),
    "consultations_admin:block": Scoped("comment", OFFICE, "post", data=REASON),
    # --- 回应关切: the lead department records, answers and closes its concerns and edits its
    # draft responses (the office for every department), heads publish or return responses and
    # approve risk assessments; all read.
    "concerns_admin:list": Scoped("concern"),
    "concerns_admin:new": RoleOnly(LIBRARY),
    "concerns_admin:concern": Scoped("concern"),
    "concerns_admin:edit": Scoped("concern", LIBRARY),
    "concerns_admin:respond": Scoped(
        "concern", LIBRARY, "post", data={"text": "已核实。", "responded_on": "2026-03-03"}
    ),
    "concerns_admin:close": Scoped("concern", LIBRARY, "post"),
    "concerns_admin:publish": Scoped("concern_response", PUBLISHERS, "post"),
    "concerns_admin:response_edit": Scoped("concern_response", LIBRARY),
    "concerns_admin:response_return": Scoped(
        "concern_response", PUBLISHERS, "post", data={"reason": "请补充。"}
    ),
    "concerns_admin:assessments": Scoped("risk_assessment"),
    "concerns_admin:assess": Scoped("document", LIBRARY),
    "concerns_admin:approve": Scoped("risk_assessment", PUBLISHERS, "post"),
    # --- 行政执法公示 ------------------------------------------------------------------------
    "enforcement_admin:queue": Scoped("decision"),
    "enforcement_admin:decisions": Scoped("decision"),
    "enforcement_admin:decision_new": RoleOnly(LIBRARY),
    "enforcement_admin:decision_import": RoleOnly(LIBRARY),
    "enforcement_admin:decision": Scoped("decision"),
    "enforcement_admin:decision_edit": Scoped("decision", LIBRARY),
    "enforcement_admin:decision_publish": Scoped("decision", PUBLISHERS, "post"),
    "enforcement_admin:decision_revoke": Scoped("decision", PUBLISHERS, "post"),
    "enforcement_admin:decision_take_down": Scoped("decision", PUBLISHERS, "post"),
    "enforcement_admin:feedback": Scoped("feedback", LIBRARY, "post", data=ANSWER),
    "enforcement_admin:item_lists": RoleOnly(READERS),
    "enforcement_admin:item_import": RoleOnly(LIBRARY),
    "enforcement_admin:plans": Scoped("inspection_plan"),
    "enforcement_admin:plan_new": RoleOnly(LIBRARY),
    "enforcement_admin:plan": Scoped("inspection_plan"),
    "enforcement_admin:plan_edit": Scoped("inspection_plan", LIBRARY),
    "enforcement_admin:plan_result": Scoped("inspection_plan", LIBRARY, "post"),
    "enforcement_admin:plan_export": Scoped("inspection_plan"),
    "enforcement_admin:plan_action": Scoped(
        "inspection_plan", PUBLISHERS, "post", params={"action": "commit"}
    ),
    "enforcement_admin:statistics": Scoped("decision"),
    # --- 政策通 ------------------------------------------------------------------------------
    "enterprise_admin:import": RoleOnly(LIBRARY),
    "enterprise_admin:rule": Scoped("policy", LIBRARY),
    "enterprise_admin:matches": Scoped("policy"),
    "enterprise_admin:preview": RoleOnly(LIBRARY, method="post"),
    # --- 网站自查 and the import of documents ----------------------------------------------
    "assessment_admin:findings": RoleOnly(READERS),
    "assessment_admin:run": RoleOnly(OFFICE_READERS, method="post"),
    # --- 考核: everyone reads the board and its 通报, a department its own items; assessors compute
    "assessment_scores:board": RoleOnly(READERS),
    "assessment_scores:compute": RoleOnly(frozenset({A, ADMIN}), method="post"),
    # The draft 通报 names every department under the threshold, as the board does.
    "assessment_scores:notice": RoleOnly(READERS, data={"period": "2026Q3"}),
    "assessment_scores:result": Scoped(
        "indicator_result",
        params={
            "period": lambda result: result.period,
            "department": lambda result: result.department_id,
            "code": lambda result: result.indicator.code,
        },
    ),
    # --- 抽查: everyone sees the spot checks (a department its own items and findings); the
    # office and assessors draw, record and close; a department reports its rectification.
    "assessment_spot:list": RoleOnly(READERS),
    "assessment_spot:new": RoleOnly(OFFICE_READERS),
    "assessment_spot:detail": RoleOnly(READERS, "spot_check"),
    "assessment_spot:draw": RoleOnly(OFFICE_READERS, "spot_check", "post"),
    "assessment_spot:finding_new": Scoped("spot_check_item", OFFICE_READERS),
    "assessment_spot:findings": Scoped("spot_finding"),
    "assessment_spot:finding": Scoped("spot_finding"),
    "assessment_spot:rectify": Scoped(
        "spot_finding", method="post", data={"rectification": "已补充有效期。"}
    ),
    "assessment_spot:close": Scoped(
        "spot_finding", OFFICE_READERS, "post", data={"note": "同意销号。"}
    ),
    # --- 每日一听: every role sees the audio state, the library changes its department's --
    "audio_admin:readings": RoleOnly(READERS),
    "audio_admin:reading": Scoped("interpretation"),
    "audio_admin:upload": Scoped("interpretation", LIBRARY, "post"),
    "audio_admin:read_again": Scoped("interpretation", LIBRARY, "post"),
    "documents_import": RoleOnly(LIBRARY),
    "documents_import_confirm": RoleOnly(LIBRARY),
    "documents_import_attach": RoleOnly(LIBRARY),
    # --- every staff member, for themselves ------------------------------------------------
    "secondfactor_*": RoleOnly(READERS),
    "wagtailadmin_account": RoleOnly(READERS),
    "wagtailadmin_home": RoleOnly(READERS),
    "wagtailadmin_dismissibles": RoleOnly(READERS, method="post"),
    "wagtailadmin_tag_autocomplete": RoleOnly(READERS),
    "wagtailadmin_editing_sessions:ping": Scoped(
        "document",
        LIBRARY,
        "post",
        params={"app_label": "documents", "model_name": "document", "session_id": 0},
    ),
    "wagtailadmin_editing_sessions:release": RoleOnly(
        READERS, method="post", params={"session_id": 0}
    ),
    # Bulk actions: the confirmation page names only the items the user may see; a
    # department-scoped role asking for another department's draft finds nothing (404).
    "wagtail_bulk_action": RoleOnly(
        OFFICE_READERS,
        "other_document",
        params={"app_label": "documents", "model_name": "document", "action": "delete"},
        data=BY_ID,
    ),
    # --- Wagtail's own areas (no department): administrators; the admin API, choosers and
    # embeds serve every editing form.
    "wagtailadmin_api:pages:*": RoleOnly(READERS, "page"),
    "wagtailadmin_api:pages:detail": wagtail_area(target="page"),
    "wagtailadmin_api:pages:find": wagtail_area(target="page", data=BY_ID),
    "wagtailadmin_api:pages:action": wagtail_area(
        target="page", method="post", params={"action_name": "unpublish"}
    ),
    "wagtailadmin_api:documents:*": RoleOnly(READERS, "wagtaildoc"),
    "wagtailadmin_api:documents:find": RoleOnly(READERS, "wagtaildoc", data=BY_ID),
    "wagtailadmin_api:images:*": RoleOnly(READERS, "image"),
    "wagtailadmin_api:images:find": RoleOnly(READERS, "image", data=BY_ID),
    "wagtailadmin_explore*": wagtail_area(target="page", params=PAGE),
    "wagtailadmin_pages:*": wagtail_area(target="page", params=PAGE),
    **{
        f"wagtailadmin_pages:{view}": wagtail_area(target="page", method="post", params=PAGE)
        for view in ("lock", "unlock", "set_page_position", "move_confirm")
    },
    # Every role may open a parent chooser (it offers no page to them) and ask to cancel a
    # workflow (pages never have one here).
    "wagtailadmin_pages:choose_parent": RoleOnly(READERS, "page", params=PAGE),
    "wagtailadmin_pages:confirm_workflow_cancellation": RoleOnly(READERS, "page"),
    # Pages here have no revision: 404 to everyone (Wagtail reads revision 0 as "no revision"
    # and fails, so the matrix asks for one that does not exist).
    "wagtailadmin_pages:revisions_revert": wagtail_area(
        NOBODY, "page", params={"revision_id": 999_999}
    ),
    "wagtailadmin_pages:revisions_index": Exempt("redirects to the page's history (its own rule)"),
    # Pages here have no revision, workflow or alias: 404 to everyone.
    **{
        f"wagtailadmin_pages:{view}": wagtail_area(NOBODY, "page", params=NO_PAGE_STATE)
        for view in (
            "convert_alias",
            "revisions_view",
            "revisions_compare",
            "revisions_unschedule",
            "workflow_action",
            "collect_workflow_action_data",
            "workflow_history_detail",
            "workflow_preview",
        )
    },
    "wagtailadmin_choose_page*": RoleOnly(READERS, "page"),
    "wagtailadmin_collections:*": wagtail_area(target="collection"),
    "wagtailadmin_workflows:*": wagtail_area(target="workflow", params={"page_pk": 1}),
    "wagtailadmin_workflows:enable": wagtail_area(target="workflow", method="post"),
    "wagtailadmin_workflows:remove*": wagtail_area(
        target="workflow", method="post", params={"page_pk": 1, "workflow_pk": 0}
    ),
    "wagtailadmin_workflows:*task*": wagtail_area(target="task", params=WORKFLOW_TASK),
    "wagtailadmin_workflows:enable_task": wagtail_area(target="task", method="post"),
    "wagtailadmin_workflows:task_choose*": RoleOnly(READERS, "task"),
    "wagtailadmin_workflows:task_chosen": RoleOnly(READERS, "task", params=WORKFLOW_TASK),
    "wagtailadmin_reports:*": wagtail_area(),
    "wagtailadmin_reports:site_history*": RoleOnly(OFFICE_READERS),
    "wagtailforms:*": wagtail_area(target="page"),
    # No page here is a form: 404 to everyone.
    "wagtailforms:*submissions*": wagtail_area(NOBODY, "page"),
    "wagtailredirects:*": wagtail_area(target="redirect"),
    "wagtailsettings:*": RoleOnly(ADMIN_ONLY, "openness_settings", params=SETTINGS),
    "wagtailsettings:edit": Exempt("redirects to the setting's own page (its own rule)"),
    "wagtailsettings:preview_on_edit": RoleOnly(NOBODY, "openness_settings", params=SETTINGS),
    "wagtailembeds:*": RoleOnly(READERS),
    "wagtaildocs:*": wagtail_area(target="wagtaildoc"),
    **{
        f"wagtaildocs:{view}": wagtail_area(target="wagtaildoc", method="post")
        for view in ("edit_multiple", "delete_multiple")
    },
    **{
        f"wagtaildocs:{view}": wagtail_area(NOBODY, method="post", params=NO_UPLOAD)
        for view in ("create_multiple_from_uploaded_document", "delete_upload_multiple")
    },
    "wagtaildocs_chooser:*": RoleOnly(READERS, "wagtaildoc"),
    "wagtaildocs_chooser:chosen": wagtail_area(target="wagtaildoc"),
    "wagtaildocs_chooser:create": wagtail_area(target="wagtaildoc"),
    "wagtailimages:*": wagtail_area(target="image", params={"filter_spec": "original"}),
    **{
        f"wagtailimages:{view}": wagtail_area(target="image", method="post")
        for view in ("edit_multiple", "delete_multiple")
    },
    **{
        f"wagtailimages:{view}": wagtail_area(NOBODY, method="post", params=NO_UPLOAD)
        for view in ("create_multiple_from_uploaded_image", "delete_upload_multiple")
    },
    # The image URL generator is off (no dynamic serve view): 404 to everyone.
    "wagtailimages:url_generator*": wagtail_area(NOBODY, "image"),
    "wagtailimages_chooser:*": RoleOnly(READERS, "image"),
    "wagtailimages_chooser:chosen": wagtail_area(target="image"),
    "wagtailimages_chooser:create": wagtail_area(target="image"),
    "wagtailimages_chooser:select_format": wagtail_area(target="image"),
    "wagtailsites:*": wagtail_area(target="site"),
    "wagtailusers_users:*": wagtail_area(target="user"),
    "wagtailusers_groups:*": wagtail_area(target="group"),
    "wagtailusers_api_tokens:*": wagtail_area(target="api_token"),
    # --- not a question of authorisation ---------------------------------------------------
    "wagtailadmin_login": Exempt("signing in"),
    "wagtailadmin_logout": Exempt("signing out (would end the cells' sessions)"),
    "wagtailadmin_password_reset*": Exempt("password reset by an e-mailed token, signed out"),
    "wagtailadmin_javascript_catalog": Exempt("the admin's translations, no data"),
    "wagtailadmin_sprite": Exempt("the admin's icons, no data"),
    "wagtailadmin_block_preview": Exempt("previews a block type named in the query, no data"),
    "wagtailadmin_tag_model_autocomplete": Exempt("no model here has tags (404 to everyone)"),
    "wagtailadmin_error_test": Exempt("Wagtail's deliberate error page for testing reports"),
    "admin/test404/()": Exempt("Wagtail's 404 page for the admin's own tests"),
    "admin/^.*/$()": Exempt("the admin's catch-all: 404 for any unknown admin address"),
    # --- the staff API ---------------------------------------------------------------------
    "api:me": RoleOnly(READERS),
    "api:staff_annual_report": RoleOnly(OFFICE_READERS, params={"year": 2025}),
    # Registering a request names its department in the body.
    "api:create_request": Scoped("department", LIBRARY, "post", data=REQUEST_IN),
    "api:add_event": Scoped(
        "request", LIBRARY, "post", data={"kind": "correction_received", "date": "2026-03-03"}
    ),
    "api:reply": Scoped(
        "request", LIBRARY, "post", data={"outcome": "granted", "date": "2026-03-03"}
    ),
    # As the back office: the comments (names and e-mails) and their export for the library,
    # the dispositions (no personal data) for every role; the department's own consultation.
    "api:list_comments": Scoped("consultation", LIBRARY),
    "api:list_dispositions": Scoped("consultation"),
}
