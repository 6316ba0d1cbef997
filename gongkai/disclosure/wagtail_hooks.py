"""The back office's 依申请公开 menu: dashboard, requests, registration, letter templates and
reconsideration/lawsuit records."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from gongkai.core.admin_views import SnippetViewSet
from gongkai.core.permissions import DepartmentPermissionPolicy
from gongkai.disclosure import admin_views
from gongkai.disclosure.models import DisclosureRequest, ReconsiderationOrLawsuit, ReplyTemplate

admin_urls = [
    path("", admin_views.dashboard, name="dashboard"),
    path("requests/", admin_views.request_list, name="list"),
    path("register/", admin_views.register, name="register"),
    path("requests/<int:pk>/", admin_views.detail, name="detail"),
    path("requests/<int:pk>/event/<str:kind>/", admin_views.add_event, name="event"),
    path("requests/<int:pk>/fee/", admin_views.fee_notice, name="fee"),
    path("requests/<int:pk>/reply/", admin_views.reply, name="reply"),
    path("requests/<int:pk>/delivery/", admin_views.delivery, name="delivery"),
    path("requests/<int:pk>/assign/", admin_views.assign, name="assign"),
    path("requests/<int:pk>/proactive/", admin_views.proactive, name="proactive"),
    path("requests/<int:pk>/letter.<str:fmt>", admin_views.letter, name="letter"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_id>/",
        admin_views.attachment,
        name="attachment",
    ),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("disclosure/", include((admin_urls, "disclosure_admin")))]


register_permission_policy(
    ReconsiderationOrLawsuit, DepartmentPermissionPolicy(ReconsiderationOrLawsuit)
)


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    add_to_admin_menu = False
    list_display = ["group", "title", "updated_at"]


class CaseViewSet(SnippetViewSet):
    model = ReconsiderationOrLawsuit
    icon = "warning"
    add_to_admin_menu = False
    list_display = ["kind", "filed_on", "result", "decided_on", "department"]
    list_filter = ["kind", "result"]


register_snippet(ReplyTemplateViewSet)
register_snippet(CaseViewSet)


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class LazyUrlMenuItem(PermissionMenuItem):
    """A menu item whose URL is reversed when shown (snippet URLs exist only after loading)."""

    def __init__(self, label, url_name, **kwargs):
        super().__init__(label, "#", **kwargs)
        self.url_name = url_name

    def render_component(self, request):
        self.url = reverse(self.url_name)
        return super().render_component(request)


@hooks.register("register_admin_menu_item")
def register_menu():
    view = "disclosure.view_disclosurerequest"
    items = [
        PermissionMenuItem(
            _("办理台"),
            reverse("disclosure_admin:dashboard"),
            icon_name="time",
            order=10,
            permission=view,
        ),
        PermissionMenuItem(
            _("全部申请"),
            reverse("disclosure_admin:list"),
            icon_name="list-ul",
            order=20,
            permission=view,
        ),
        PermissionMenuItem(
            _("登记线下申请"),
            reverse("disclosure_admin:register"),
            icon_name="plus",
            order=30,
            permission="disclosure.add_disclosurerequest",
        ),
        LazyUrlMenuItem(
            _("告知书模板"),
            "wagtailsnippets_disclosure_replytemplate:list",
            icon_name="doc-full",
            order=40,
            permission="disclosure.view_replytemplate",
        ),
        LazyUrlMenuItem(
            _("行政复议、诉讼"),
            "wagtailsnippets_disclosure_reconsiderationorlawsuit:list",
            icon_name="warning",
            order=50,
            permission="disclosure.view_reconsiderationorlawsuit",
        ),
    ]
    return SubmenuMenuItem(_("依申请公开"), Menu(items=items), icon_name="mail", order=150)


class RequestAdminURLFinder(ModelAdminURLFinder):
    """Links to a request from elsewhere (the scoreboard's items); for those who may read it."""

    edit_url_name = "disclosure_admin:detail"

    def get_edit_url(self, instance):
        # Its page is where staff who read it act on it; the page checks the department.
        if self.user is not None and not self.user.has_perm("disclosure.view_disclosurerequest"):
            return None
        return self.construct_edit_url(instance)


register_admin_url_finder(DisclosureRequest, RequestAdminURLFinder)
