"""The back office's 政策问答库: entries (a snippet in the sign-off workflow, department-scoped),
the queue of entries waiting for review, and the 「转为政策问答」 panel on an answered
message's page (interaction's ``interaction_message_panels`` hook)."""

from django import forms
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList, PublishingPanel
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from gongkai.core.admin_views import SnippetViewSet
from gongkai.documents.panels import PublicationChecksPanel
from gongkai.documents.permissions import SignOffPermissionPolicy
from gongkai.documents.wagtail_hooks import SignOffViews
from gongkai.knowledge import admin_views, permissions, selectors, services
from gongkai.knowledge.forms import PolicyAnswerAdminForm
from gongkai.knowledge.models import PolicyAnswer

register_permission_policy(PolicyAnswer, SignOffPermissionPolicy(PolicyAnswer))

admin_urls = [
    path("review/", admin_views.review_queue, name="queue"),
    path("<int:pk>/review/", admin_views.review, name="review"),
    path("promote/<int:pk>/", admin_views.promote, name="promote"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("knowledge/", include((admin_urls, "knowledge_admin")))]


class PolicyAnswerViewSet(SignOffViews, SnippetViewSet):
    model = PolicyAnswer
    icon = "help"
    menu_label = _("政策问答库")
    menu_name = "knowledge"
    menu_order = 166
    add_to_admin_menu = True
    list_display = [
        "question",
        "department",
        Column("validity", label=_("有效性"), accessor="get_validity_display"),
        "published_on",
        # Wagtail translates its own label when the module is imported (in Chinese): ours is lazy.
        LiveStatusTagColumn(label=_("状态")),
    ]
    list_filter = ["department", "validity", "live", "topics"]
    search_fields = ["question", "answer"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldPanel("question", widget=forms.Textarea(attrs={"rows": 3})),
            FieldPanel("answer"),
            FieldPanel("department", widget=forms.Select),
            FieldPanel("documents", widget=forms.SelectMultiple(attrs={"size": 8})),
            FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            PublishingPanel(),
        ],
        base_form_class=PolicyAnswerAdminForm,
    )

    def get_queryset(self, request):
        return selectors.answers_for_user(request.user)


register_snippet(PolicyAnswerViewSet)


@hooks.register("after_create_snippet")
def answer_after_create(request, instance):
    if isinstance(instance, PolicyAnswer):
        services.answer_saved(answer=instance, user=request.user, created=True)


@hooks.register("after_edit_snippet")
def answer_after_edit(request, instance):
    if isinstance(instance, PolicyAnswer):
        services.answer_saved(answer=instance, user=request.user, created=False)


@hooks.register("register_snippet_listing_buttons")
def review_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, PolicyAnswer)
        and snippet.needs_review
        and permissions.can_review(user, snippet)
    ):
        url = reverse("knowledge_admin:review", args=[snippet.pk])
        yield ListingButton(_("复核"), url, priority=20)


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("knowledge.view_policyanswer")


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return ReviewQueueMenuItem(
        _("待复核政策问答"), reverse("knowledge_admin:queue"), icon_name="warning", order=167
    )


@hooks.register("interaction_message_panels")
def promote_panel(request, message):
    """「转为政策问答」 on an answered message, and the entries already made of it."""
    made = selectors.answers_for_user(request.user).filter(source_message=message)
    can_promote = (
        message.state in services.PROMOTABLE_STATES
        and not message.wants_private
        and permissions.can_promote(request.user, message)
    )
    if not (can_promote or made):
        return ""
    context = {"message": message, "made": made, "can_promote": can_promote}
    return render_to_string("knowledge/admin/_promote.html", context, request=request)
