from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup
from wagtail.utils.urlpatterns import decorate_urlpatterns

from gongkai.core import media_wagtail, services, views
from gongkai.core.admin_views import DeleteBulkAction, SnippetViewSet, office_only, office_wide
from gongkai.core.forms import HolidayArrangementForm
from gongkai.core.media import referenced_publicly, staff_may_read
from gongkai.core.models import (
    AuditEvent,
    Department,
    DepartmentGroup,
    HolidayArrangement,
    StaffProfile,
)
from gongkai.core.permissions import ReadOnlyPermissionPolicy


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "short_name", "kind", "code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]


class DepartmentGroupViewSet(SnippetViewSet):
    model = DepartmentGroup
    icon = "list-ul"
    list_display = ["name"]


class StaffProfileViewSet(SnippetViewSet):
    model = StaffProfile
    icon = "user"
    list_display = ["user", "department", "role"]
    list_filter = ["role", "department"]


class HolidayArrangementViewSet(SnippetViewSet):
    model = HolidayArrangement
    icon = "date"
    list_display = ["year", "notice", "entered_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("notice"),
            FieldPanel("holidays_text"),
            FieldPanel("makeup_text"),
        ],
        base_form_class=HolidayArrangementForm,
    )


register_permission_policy(AuditEvent, ReadOnlyPermissionPolicy(AuditEvent))
# After Wagtail's own (order 0), which it replaces for every snippet model.
hooks.register("register_bulk_action", DeleteBulkAction, order=1)


class AuditEventViewSet(SnippetViewSet):
    """The audit log, read-only: no create, edit or delete views are offered."""

    model = AuditEvent
    icon = "history"
    list_display = ["created_at", "actor_label", "action", "object_type", "object_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_label", "actor_label", "action"]
    inspect_view_enabled = True

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__startswith="view")


class OrganisationGroup(SnippetViewSetGroup):
    items = (
        DepartmentViewSet,
        DepartmentGroupViewSet,
        StaffProfileViewSet,
        HolidayArrangementViewSet,
        AuditEventViewSet,
    )
    menu_icon = "site"
    menu_label = _("机构与设置")
    menu_name = "organisation"
    menu_order = 900


register_snippet(OrganisationGroup)


@hooks.register("before_move_page")
def refuse_a_move_the_user_may_not_make(request, page, destination):
    """Wagtail's move confirmation checks the permission only when the move is posted: its page
    would show any staff member the page and where it is going."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def holiday_arrangement_saved(request, instance):
    if isinstance(instance, HolidayArrangement):
        services.holiday_arrangement_saved(arrangement=instance, user=request.user)


@hooks.register("register_admin_urls")
def media_urls():
    return [path("media/<path:name>", views.media_staff, name="core_media_staff")]


# Wagtail's site history filters by model only, so it would show a department every other
# department's items (drafts' titles included) in the log: it is the openness office's. (The
# workflow reports need page permissions, which only administrators hold.)
OFFICE_REPORTS = {"site_history", "site_history_results"}


@hooks.register("register_admin_urls")
def office_only_reports():
    """Runs once, while Wagtail builds its admin URLs (its reports' patterns are loaded by
    then; importing them at the top would build the admin URLs before this module's snippets
    are registered)."""
    from wagtail.admin.urls import reports

    decorate_urlpatterns([p for p in reports.urlpatterns if p.name in OFFICE_REPORTS], office_only)
    return []


@hooks.register("construct_reports_menu")
def hide_office_reports(request, menu_items):
    if not office_wide(request.user):
        menu_items[:] = [
            item
            for item in menu_items
            if item.name not in {"workflows", "workflow-tasks", "site-history"}
        ]


@hooks.register("before_serve_document")
def serve_documents_only_where_public(document, request):
    """/files/: a Wagtail document used by something public, or staff allowed to see it; a
    document linked only from a draft stays unreachable to whoever guesses its address."""
    if referenced_publicly(document):
        return None
    if staff_may_read(request.user, media_wagtail.document_file(document.file.name)):
        return None
    raise Http404


# Wagtail's snippet views save departments themselves; the service then audits the change and
# drops the cached public pages showing the department.
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def department_saved(request, instance):
    if isinstance(instance, Department):
        services.department_saved(department=instance, user=request.user)


class ExplorablePagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count, shown only when the user has a page tree to explore.

    Wagtail's links to the user's explorable root page; with no such page (a superuser on a
    site whose page tree is empty) it reversed the explorer with no id and the dashboard
    answered 500.
    """

    def is_shown(self):
        policy = policy_registry.get_by_type(Page)
        return super().is_shown() and policy.explorable_root_instance(self.request.user) is not None


@hooks.register("construct_homepage_summary_items", order=1)
def pages_summary_with_a_root(request, summary_items):
    summary_items[:] = [
        ExplorablePagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in summary_items
    ]


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("construct_help_menu")
def drop_links_to_wagtails_site(request, menu_items):
    """The help menu keeps the keyboard shortcuts; Wagtail's release notes and editor guide are
    on the internet, about Wagtail, in English."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new-in-wagtail")
    ]
