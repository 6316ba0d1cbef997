"""The back office's 决策预公开 menu: consultations and adoption reports (snippets in the sign-off
workflow), the moderation queue, each consultation's comments (moderation, dispositions, export)
and its adoption report's page (generate the draft from the dispositions)."""

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
    TabbedInterface,
)
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from gongkai.consultations import admin_views, permissions, selectors, services
from gongkai.consultations.forms import ConsultationAdminForm
from gongkai.consultations.models import AdoptionReport, Consultation
from gongkai.core.admin_views import SEE_ACTIONS, SnippetViewSet
from gongkai.core.widgets import SnippetChooser
from gongkai.documents.models import Document
from gongkai.documents.panels import PublicationChecksPanel
from gongkai.documents.permissions import SignOffPermissionPolicy
from gongkai.documents.wagtail_hooks import STATUS_LABEL, SignOffViews


class AdoptionReportPermissionPolicy(SignOffPermissionPolicy):
    """A report is its consultation's department's; it is generated from the dispositions
    (``services.report_generate``), never added or copied in the back office."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(Consultation, SignOffPermissionPolicy(Consultation))
register_permission_policy(
    AdoptionReport,
    AdoptionReportPermissionPolicy(AdoptionReport, department_field="consultation__department_id"),
)

admin_urls = [
    path("queue/", admin_views.queue, name="queue"),
    path("<int:pk>/comments/", admin_views.comments, name="comments"),
    path("<int:pk>/comments/export.<str:fmt>", admin_views.export, name="export"),
    path("<int:pk>/dispose/", admin_views.dispose, name="dispose"),
    path("<int:pk>/report/", admin_views.report, name="report"),
    path("comments/<int:pk>/approve/", admin_views.approve, name="approve"),
    path("comments/<int:pk>/refuse/", admin_views.refuse, name="refuse"),
    path("comments/<int:pk>/block/", admin_views.block_author, name="block"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("consultations/", include((admin_urls, "consultations_admin")))]


class ConsultationViewSet(SignOffViews, SnippetViewSet):
    model = Consultation
    icon = "comment"
    menu_label = _("征求意见")
    list_display = [
        "title",
        "department",
        "starts_on",
        "ends_on",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "live", "is_major_decision"]
    search_fields = ["title"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    PublicationChecksPanel(),
                    FieldPanel("title"),
                    FieldRowPanel(
                        [
                            FieldPanel("department", widget=forms.Select),
                            FieldPanel("is_major_decision"),
                        ]
                    ),
                    MultiFieldPanel(
                        [
                            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                            FieldPanel("short_period_reason"),
                        ],
                        heading=_("征求意见期限"),
                    ),
                    FieldPanel("background"),
                    FieldPanel("legal_basis"),
                    FieldPanel("explanation"),
                    FieldPanel("offline_channels"),
                ],
                heading=_("基本信息"),
            ),
            ObjectList([InlinePanel("clauses", label=_("条款"), min_num=1)], heading=_("草案条款")),
            ObjectList(
                [
                    InlinePanel("attachments", label=_("附件")),
                    FieldPanel("final_document", widget=SnippetChooser(Document)),
                ],
                heading=_("附件和最终文件"),
            ),
            ObjectList([PublishingPanel()], heading=_("发布")),
        ],
        base_form_class=ConsultationAdminForm,
    )

    def get_queryset(self, request):
        return selectors.consultations_for_user(request.user).select_related("department")


class AdoptionReportViewSet(SignOffViews, SnippetViewSet):
    """The drafting department edits the generated draft and submits it; the head reviews and
    the office signs it off (an edit of a published report, too)."""

    model = AdoptionReport
    icon = "doc-full"
    menu_label = _("意见采纳情况说明")
    list_display = ["consultation", "updated_at", LiveStatusTagColumn(label=STATUS_LABEL)]
    list_filter = ["live"]
    edit_handler = ObjectList([PublicationChecksPanel(), FieldPanel("text")])

    def get_queryset(self, request):
        policy = self.permission_policy
        return policy.instances_user_has_any_permission_for(
            request.user, SEE_ACTIONS
        ).select_related("consultation")


class ConsultationsGroup(SnippetViewSetGroup):
    items = [ConsultationViewSet, AdoptionReportViewSet]
    menu_icon = "comment"
    menu_label = _("决策预公开")
    menu_name = "consultations"
    menu_order = 150


register_snippet(ConsultationsGroup)


@hooks.register("after_edit_snippet")
def report_edited(request, instance):
    if isinstance(instance, AdoptionReport):
        services.report_saved(report=instance, user=request.user)


@hooks.register("register_snippet_listing_buttons")
def comments_button(snippet, user, next_url=None):
    if isinstance(snippet, Consultation) and permissions.can_view(user, snippet):
        url = reverse("consultations_admin:comments", args=[snippet.pk])
        yield ListingButton(_("意见管理"), url, priority=20)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    from wagtail.admin.menu import MenuItem

    class QueueMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("consultations.moderate_comment")

    return QueueMenuItem(
        _("待审核意见"), reverse("consultations_admin:queue"), icon_name="comment", order=151
    )
