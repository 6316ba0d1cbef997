"""The back office's 执行公开 menu, its URLs, the home-page panel of overdue and due-soon
tasks, and a 从文件生成任务 button on the documents list."""

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import ListingButton

from gongkai.core.menu import PermissionMenuItem
from gongkai.documents.models import Document
from gongkai.execution import admin_views, permissions, selectors

HOME_PANEL_ROWS = 10

admin_urls = [
    path("", admin_views.dashboard, name="dashboard"),
    path("plans/", admin_views.plan_list, name="plans"),
    path("plans/new/", admin_views.plan_new, name="plan_new"),
    path("plans/<int:pk>/", admin_views.plan_detail, name="plan"),
    path("plans/<int:pk>/publish/", admin_views.plan_publish, name="plan_publish"),
    path("tasks/", admin_views.task_list, name="tasks"),
    path("tasks/<int:pk>/", admin_views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", admin_views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/report/", admin_views.task_report, name="task_report"),
    path("tasks/<int:pk>/findings/new/", admin_views.finding_new, name="finding_new"),
    path("findings/<int:pk>/", admin_views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/publish/", admin_views.finding_publish, name="finding_publish"),
    path("evidence/<int:pk>/", admin_views.evidence_download, name="evidence"),
    path("units/", admin_views.proposal_list, name="proposals"),
    path("units/<int:pk>/", admin_views.proposal_decide, name="proposal"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("execution/", include((admin_urls, "execution_admin")))]


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        PermissionMenuItem(
            _("工作台"), reverse("execution_admin:dashboard"), icon_name="time", order=10,
            permission="execution.view_task",
        ),
        PermissionMenuItem(
            _("任务"), reverse("execution_admin:tasks"), icon_name="tasks", order=20,
            permission="execution.view_task",
        ),
        PermissionMenuItem(
            pgettext_lazy("menu", "实施方案"), reverse("execution_admin:plans"), icon_name="list-ul", order=30,
            permission="execution.view_plan",
        ),
        PermissionMenuItem(
            _("新单位确认"), reverse("execution_admin:proposals"), icon_name="group",
            order=40, permission="execution.view_unitproposal",
        ),
    ]  # fmt: skip
    return SubmenuMenuItem(_("执行公开"), Menu(items=items), icon_name="tasks", order=160)


class DeadlinesPanel(Component):
    """The home page's list of the user's overdue and due-soon tasks."""

    name = "execution_deadlines"
    template_name = "execution/admin/home_panel.html"
    order = 90

    def __init__(self, rows):
        self.rows = rows

    def get_context_data(self, parent_context):
        return {"rows": self.rows[:HOME_PANEL_ROWS], "more": len(self.rows) > HOME_PANEL_ROWS}


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    if not permissions.can_view_tasks(request.user):
        return
    rows = selectors.dashboard_rows(request.user, today=timezone.localdate())
    if rows:
        panels.append(DeadlinesPanel(rows))


@hooks.register("register_snippet_listing_buttons")
def plan_from_document_button(snippet, user, next_url=None):
    if isinstance(snippet, Document) and permissions.can_create_plans(user):
        url = reverse("execution_admin:plan_new") + "?" + urlencode({"document": snippet.pk})
        yield ListingButton(_("从文件生成任务"), url, priority=60)
