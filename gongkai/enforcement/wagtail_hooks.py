"""The back office's 行政执法公示 menu and its URLs."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.menu import Menu, SubmenuMenuItem

from gongkai.core.menu import PermissionMenuItem
from gongkai.enforcement import admin_views as views
from gongkai.enforcement.models import Decision

admin_urls = [
    path("", views.queue, name="queue"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/new/", views.decision_edit, name="decision_new"),
    path("decisions/import/", views.decision_import, name="decision_import"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/publish/", views.decision_publish, name="decision_publish"),
    path("decisions/<int:pk>/revoke/", views.decision_revoke, name="decision_revoke"),
    path("decisions/<int:pk>/take-down/", views.decision_take_down, name="decision_take_down"),
    path("feedback/<int:pk>/", views.feedback_reply, name="feedback"),
    path("items/", views.item_lists, name="item_lists"),
    path("items/import/", views.item_list_import, name="item_import"),
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_edit, name="plan_new"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/result/", views.plan_result, name="plan_result"),
    path("plans/<int:pk>/export.json", views.plan_export, name="plan_export"),
    path("plans/<int:pk>/<str:action>/", views.plan_action, name="plan_action"),
    path("statistics/", views.statistics, name="statistics"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("enforcement/", include((admin_urls, "enforcement_admin")))]


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        PermissionMenuItem(_("待办和逾期"), reverse("enforcement_admin:queue"), icon_name="time",
                           order=10, permission="enforcement.view_decision"),
        PermissionMenuItem(_("执法决定"), reverse("enforcement_admin:decisions"),
                           icon_name="doc-full", order=20, permission="enforcement.view_decision"),
        PermissionMenuItem(_("执法事项清单"), reverse("enforcement_admin:item_lists"),
                           icon_name="list-ul", order=30,
                           permission="enforcement.view_itemlistversion"),
        PermissionMenuItem(_("双随机抽查"), reverse("enforcement_admin:plans"), icon_name="tasks",
                           order=40, permission="enforcement.view_inspectionplan"),
        PermissionMenuItem(_("执法统计"), reverse("enforcement_admin:statistics"),
                           icon_name="table", order=50, permission="enforcement.view_decision"),
    ]  # fmt: skip
    return SubmenuMenuItem(_("行政执法公示"), Menu(items=items), icon_name="warning", order=170)


class DecisionAdminURLFinder(ModelAdminURLFinder):
    """Links to a decision from elsewhere (the scoreboard's items); for those who may read it."""

    edit_url_name = "enforcement_admin:decision"

    def get_edit_url(self, instance):
        # Its page is where staff who read it act on it; the page checks the department.
        if self.user is not None and not self.user.has_perm("enforcement.view_decision"):
            return None
        return self.construct_edit_url(instance)


register_admin_url_finder(Decision, DecisionAdminURLFinder)
