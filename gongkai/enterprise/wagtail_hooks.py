"""The back office's 政策通 menu: enterprises (with bulk import), support policies (with the
rule editor, its live preview and the match lists), programmes and funded projects."""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
)
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from gongkai.core import pagecache
from gongkai.core.admin_views import SnippetViewSet
from gongkai.core.pagecache import list_tag, obj_tag
from gongkai.core.permissions import DepartmentPermissionPolicy
from gongkai.documents.forms import OwnDepartmentForm
from gongkai.documents.models import Document
from gongkai.documents.panels import PublicationChecksPanel
from gongkai.documents.permissions import SignOffPermissionPolicy
from gongkai.documents.wagtail_hooks import STATUS_LABEL, OwnDepartmentSignOffViews
from gongkai.enterprise import admin_views
from gongkai.enterprise.models import Enterprise, FundedProject, Programme, SupportPolicy
from gongkai.enterprise.widgets import SnippetChooser

# Support policies and programmes are their department's (programmes published through the
# sign-off workflow only); a funded project its programme's.
register_permission_policy(SupportPolicy, DepartmentPermissionPolicy(SupportPolicy))
register_permission_policy(Programme, SignOffPermissionPolicy(Programme))
register_permission_policy(
    FundedProject,
    DepartmentPermissionPolicy(FundedProject, department_field="programme__department_id"),
)

admin_urls = [
    path("import/", admin_views.import_enterprises, name="import"),
    path("policies/<int:pk>/rule/", admin_views.rule_editor, name="rule"),
    path("policies/<int:pk>/matches/", admin_views.policy_matches, name="matches"),
    path("preview/", admin_views.rule_preview, name="preview"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("enterprise/", include((admin_urls, "enterprise_admin")))]


class EnterpriseViewSet(SnippetViewSet):
    model = Enterprise
    icon = "group"
    menu_label = _("企业档案")
    list_display = ["name", "uscc", "industry", "region", "updated_at"]
    search_fields = ["name", "uscc"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("uscc")]),
        FieldRowPanel([FieldPanel("industry"), FieldPanel("region")]),
        FieldRowPanel(
            [FieldPanel("founded"), FieldPanel("registered_capital"), FieldPanel("employees")]
        ),
        FieldPanel("tags"),
        FieldPanel("verified_fields"),
        InlinePanel("figures", label=_("年度经营数据")),
        InlinePanel("qualifications", label=_("资质")),
    ]


class SupportPolicyViewSet(SnippetViewSet):
    model = SupportPolicy
    icon = "doc-full"
    menu_label = _("扶持政策")
    list_display = ["title", "department", "active", "updated_at"]
    list_filter = ["department", "active"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldRowPanel(
                [
                    FieldPanel("document", widget=SnippetChooser(Document)),
                    FieldPanel("department", widget=forms.Select),
                ]
            ),
            FieldPanel("active"),
            FieldPanel("conditions_text"),
            FieldPanel("rule"),
        ],
        base_form_class=OwnDepartmentForm,
    )


class ProgrammeViewSet(OwnDepartmentSignOffViews, SnippetViewSet):
    model = Programme
    icon = "date"
    menu_label = _("申报项目")
    list_display = [
        "title",
        "department",
        "opens_at",
        "closes_at",
        "get_state_display",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "live"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldPanel("title"),
            FieldRowPanel(
                [
                    FieldPanel("policy", widget=SnippetChooser(SupportPolicy)),
                    FieldPanel("department", widget=forms.Select),
                ]
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
                heading=_("申报时间"),
            ),
            FieldPanel("where_to_apply"),
            FieldPanel("how_to_apply"),
            FieldPanel("materials"),
            FieldPanel("contact"),
            PublishingPanel(),
        ],
        base_form_class=OwnDepartmentForm,
    )


class FundedProjectViewSet(SnippetViewSet):
    model = FundedProject
    icon = "tasks"
    menu_label = _("已入库项目")
    list_display = ["title", "enterprise", "programme", "year", "amount", "public"]
    list_filter = ["year", "public"]
    search_fields = ["title"]
    panels = [
        FieldPanel("programme", widget=SnippetChooser(Programme)),
        FieldPanel("enterprise", widget=SnippetChooser(Enterprise)),
        FieldRowPanel([FieldPanel("year"), FieldPanel("amount"), FieldPanel("public")]),
        FieldPanel("title"),
    ]


class EnterpriseGroup(SnippetViewSetGroup):
    items = [SupportPolicyViewSet, ProgrammeViewSet, FundedProjectViewSet, EnterpriseViewSet]
    menu_icon = "tasks"
    menu_label = _("政策通")
    menu_name = "enterprise"
    menu_order = 160


register_snippet(EnterpriseGroup)


@hooks.register("register_snippet_listing_buttons")
def policy_buttons(snippet, user, next_url=None):
    if isinstance(snippet, SupportPolicy) and user.has_perm("enterprise.change_supportpolicy"):
        yield ListingButton(
            _("规则编辑"), reverse("enterprise_admin:rule", args=[snippet.pk]), priority=20
        )
        yield ListingButton(
            _("匹配名单"), reverse("enterprise_admin:matches", args=[snippet.pk]), priority=21
        )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    from wagtail.admin.menu import MenuItem

    class ImportMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("enterprise.add_enterprise")

    return ImportMenuItem(
        _("导入企业"), reverse("enterprise_admin:import"), icon_name="upload", order=161
    )


def _changed(request, instance):
    """Snippets saved or deleted in the back office (deletion passes a list): drop the public
    pages showing them, re-match."""
    from gongkai.enterprise import services

    instances = instance if isinstance(instance, list | tuple) else [instance]
    for obj in instances:
        if isinstance(obj, Programme | FundedProject | SupportPolicy | Enterprise):
            pagecache.invalidate(obj_tag(obj), list_tag(Programme), list_tag(FundedProject))
    if any(isinstance(obj, SupportPolicy | Enterprise) for obj in instances):
        services.schedule_rematch()


for _hook in ("after_create_snippet", "after_edit_snippet", "after_delete_snippet"):
    hooks.register(_hook, _changed)
