from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
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
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from gongkai.core.admin_views import SEE_ACTIONS, SnippetViewSet
from gongkai.documents import services, views, views_import
from gongkai.documents.forms import DocumentAdminForm, OwnDepartmentForm
from gongkai.documents.models import Document, DocumentKind, Interpretation, Topic
from gongkai.documents.models.workflow import SignedOffPublishingMixin
from gongkai.documents.panels import PublicationChecksPanel
from gongkai.documents.permissions import SignOffPermissionPolicy
from gongkai.documents.publication import SignedOffPublishRevisionAction
from gongkai.documents.selectors import documents_for_user, interpretations_for_user

register_permission_policy(Document, SignOffPermissionPolicy(Document))
register_permission_policy(Interpretation, SignOffPermissionPolicy(Interpretation))


@hooks.register("register_actions")
def register_signed_off_publishing(registry):
    registry.register(SignedOffPublishingMixin, SignedOffPublishRevisionAction)


@hooks.register("construct_snippet_action_menu")
def hide_direct_publish(menu_items, request, context):
    """Nobody publishes a workflow model from its page: it goes live when signed off."""
    if issubclass(context["model"], SignedOffPublishingMixin):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


class UnpublishView(snippets.UnpublishView):
    permission_required = "unpublish"


class RevisionsUnscheduleView(snippets.RevisionsUnscheduleView):
    permission_required = "unpublish"


class SignOffViews:
    """Views of a workflow model: taking it off line asks for "unpublish" (see
    SignOffPermissionPolicy), as nobody holds "publish". Like every viewset of ours
    (gongkai.core.admin_views.SnippetViewSet), it saves only into the user's departments."""

    unpublish_view_class = UnpublishView
    revisions_unschedule_view_class = RevisionsUnscheduleView


class OwnDepartmentSignOffViews(SignOffViews):
    """Listing only the department's own rows (the sign-off policy's chooser offers the live
    ones of every department)."""

    def get_queryset(self, request):
        policy = self.permission_policy
        return policy.instances_user_has_any_permission_for(request.user, SEE_ACTIONS)


# Wagtail's default label is translated once, at import (in Chinese); ours follows the page.
STATUS_LABEL = _("状态")


class DocumentViewSet(SignOffViews, SnippetViewSet):
    model = Document
    icon = "doc-full"
    menu_order = 100
    list_display = [
        "title",
        "doc_number",
        "department",
        "published_on",
        "validity",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "doc_type", "validity", "disclosure", "live"]
    search_fields = ["title", "doc_number", "index_number"]
    list_per_page = 50
    inspect_view_enabled = True

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    PublicationChecksPanel(),
                    FieldPanel("title"),
                    FieldRowPanel(
                        [
                            FieldPanel("doc_number"),
                            FieldPanel("doc_type", widget=forms.Select),
                            FieldPanel("legal_category"),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("department", widget=forms.Select),
                            FieldPanel("issuers", widget=forms.CheckboxSelectMultiple),
                        ]
                    ),
                    FieldPanel("recipients"),
                    FieldRowPanel(
                        [
                            FieldPanel("written_on"),
                            FieldPanel("published_on"),
                            FieldPanel("effective_on"),
                        ]
                    ),
                    FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                    FieldRowPanel([FieldPanel("region"), FieldPanel("source")]),
                    FieldPanel("keywords"),
                    MultiFieldPanel(
                        [FieldPanel("disclosure"), FieldPanel("withheld_reason")],
                        heading=_("公开属性"),
                    ),
                    FieldPanel("expires_on"),
                    FieldPanel("is_sensitive"),
                ],
                heading=_("基本信息"),
            ),
            ObjectList([FieldPanel("summary"), FieldPanel("body")], heading=_("正文")),
            ObjectList(
                [
                    FieldPanel("listed_attachments"),
                    InlinePanel("attachments", label=_("附件")),
                    InlinePanel("relations", label=_("依据、修订、废止")),
                ],
                heading=_("附件与关系"),
            ),
            ObjectList(
                [FieldPanel("title_en"), FieldPanel("summary_en"), FieldPanel("body_en")],
                heading=_("英文版"),
            ),
            ObjectList([PublishingPanel()], heading=_("定时发布")),
        ],
        base_form_class=DocumentAdminForm,
    )

    def get_queryset(self, request):
        return documents_for_user(request.user).select_related("department", "doc_type")

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("withdraw/<int:pk>/", views.withdraw, name="withdraw"),
            path("validity/<int:pk>/", views.change_validity, name="validity"),
        ]


class InterpretationViewSet(SignOffViews, SnippetViewSet):
    model = Interpretation
    icon = "help"
    list_display = [
        "title",
        "department",
        "interpreter_kind",
        "published_on",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "interpreter_kind", "live"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldPanel("title"),
            FieldRowPanel(
                [
                    FieldPanel("department", widget=forms.Select),
                    FieldPanel("interpreter_kind"),
                    FieldPanel("interpreter_name"),
                ]
            ),
            FieldPanel("documents", widget=forms.SelectMultiple(attrs={"size": 8})),
            FieldPanel("summary"),
            InlinePanel("forms", label=_("解读形式"), min_num=1),
            FieldPanel("title_en"),
            PublishingPanel(),
        ],
        base_form_class=OwnDepartmentForm,
    )

    def get_queryset(self, request):
        return interpretations_for_user(request.user).select_related("department")


class DocumentKindViewSet(SnippetViewSet):
    model = DocumentKind
    icon = "tag"
    list_display = ["name", "name_en", "needs_interpretation", "sort_order"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "folder-open-inverse"
    list_display = ["__str__", "slug", "sort_order"]
    search_fields = ["name", "slug"]


class LibraryGroup(SnippetViewSetGroup):
    items = (DocumentViewSet, InterpretationViewSet, DocumentKindViewSet, TopicViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("政策文件库")
    menu_name = "library"
    menu_order = 100


register_snippet(LibraryGroup)


@hooks.register("after_create_snippet")
def document_after_create(request, instance):
    if isinstance(instance, Document):
        services.document_created(document=instance, user=request.user)


@hooks.register("after_edit_snippet")
def document_after_edit(request, instance):
    if isinstance(instance, Document):
        services.document_edited(document=instance, user=request.user)


# Kinds and topics are plain snippets saved by Wagtail's views; the service drops the cached
# pages that show their names.
@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def classification_after_save(request, instance):
    if isinstance(instance, DocumentKind | Topic):
        services.classification_saved(term=instance, user=request.user)


class OfficeActionMenuItem(ActionMenuItem):
    """An action of the openness office on a published document, opening its own form."""

    url_name = ""

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            isinstance(instance, Document)
            and instance.live
            and views.is_office(context["request"].user)
        )

    def get_url(self, context):
        return reverse(
            f"wagtailsnippets_documents_document:{self.url_name}", args=[context["instance"].pk]
        )


class WithdrawMenuItem(OfficeActionMenuItem):
    label = _("撤回")
    name = "action-withdraw"
    icon_name = "cross"
    url_name = "withdraw"


class ValidityMenuItem(OfficeActionMenuItem):
    label = _("变更有效性（废止、失效）")
    name = "action-validity"
    icon_name = "date"
    url_name = "validity"


@hooks.register("register_snippet_action_menu_item")
def register_withdraw_menu_item(model):
    return WithdrawMenuItem(order=900) if model is Document else None


@hooks.register("register_snippet_action_menu_item")
def register_validity_menu_item(model):
    return ValidityMenuItem(order=910) if model is Document else None


@hooks.register("register_snippet_listing_buttons")
def document_public_link(snippet, user, next_url=None):
    if isinstance(snippet, Document) and snippet.is_public:
        yield ListingButton(_("查看公开页面"), snippet.get_absolute_url(), priority=50)


# --- Import (issue 3; added by the import helper): the upload form and its menu item. ---


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("library/import/", views_import.upload, name="documents_import"),
        path("library/import/confirm/", views_import.confirm, name="documents_import_confirm"),
        path("library/import/attach/", views_import.attach, name="documents_import_attach"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("documents.add_document")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("导入文件"), reverse("documents_import"), icon_name="upload", order=110)
