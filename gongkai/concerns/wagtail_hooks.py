"""The back office's 回应关切 menu: open concerns with their age, recording one, and the risk
assessments of sensitive documents."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from gongkai.concerns import admin_views as views
from gongkai.core.menu import PermissionMenuItem

admin_urls = [
    path("", views.concern_list, name="list"),
    path("new/", views.concern_new, name="new"),
    path("<int:pk>/", views.concern_detail, name="concern"),
    path("<int:pk>/edit/", views.concern_edit, name="edit"),
    path("<int:pk>/respond/", views.concern_respond, name="respond"),
    path("<int:pk>/close/", views.concern_close, name="close"),
    path("responses/<int:pk>/edit/", views.response_edit, name="response_edit"),
    path("responses/<int:pk>/return/", views.response_return, name="response_return"),
    path("responses/<int:pk>/publish/", views.response_publish, name="publish"),
    path("risk/", views.assessment_list, name="assessments"),
    path("risk/documents/<int:pk>/", views.assess, name="assess"),
    path("risk/<int:pk>/approve/", views.assessment_approve, name="approve"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("concerns/", include((admin_urls, "concerns_admin")))]


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        PermissionMenuItem(_("待回应的关切"), reverse("concerns_admin:list"), icon_name="time",
                           order=10, permission="concerns.view_publicconcern"),
        PermissionMenuItem(_("登记关切事项"), reverse("concerns_admin:new"), icon_name="plus",
                           order=20, permission="concerns.add_publicconcern"),
        PermissionMenuItem(_("舆情风险评估"), reverse("concerns_admin:assessments"),
                           icon_name="warning", order=30,
                           permission="concerns.view_riskassessment"),
    ]  # fmt: skip
    return SubmenuMenuItem(_("回应关切"), Menu(items=items), icon_name="help", order=167)
