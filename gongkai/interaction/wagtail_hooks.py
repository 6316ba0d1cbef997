"""The back office's 政民互动 menu: messages (per department), the overdue queue, statistics,
and the office's set-up: categories, routing rules and reply templates (snippets)."""

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from gongkai.core.admin_views import SnippetViewSet
from gongkai.core.menu import PermissionMenuItem
from gongkai.interaction import admin_views as views
from gongkai.interaction import permissions
from gongkai.interaction.models import Message, MessageCategory, ReplyTemplate, RoutingRule

admin_urls = [
    path("", views.message_list, name="messages"),
    path("overdue/", views.overdue, name="overdue"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.message_detail, name="message"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("interaction/", include((admin_urls, "interaction_admin")))]


class MessageURLFinder(ModelAdminURLFinder):
    """A message links to its page in the back office for whoever may read it (the items
    behind the 留言按期答复 indicator)."""

    edit_url_name = "interaction_admin:message"

    def get_edit_url(self, instance):
        if self.user and not permissions.can_view(self.user, instance):
            return None
        return self.construct_edit_url(instance)


register_admin_url_finder(Message, MessageURLFinder)


class MessageCategoryViewSet(SnippetViewSet):
    model = MessageCategory
    icon = "folder-open-inverse"
    list_display = ["name", "department", "reply_days", "sort_order"]
    search_fields = ["name"]
    # A plain select: Wagtail's chooser buttons are labelled at startup, in Chinese.
    panels = [
        FieldPanel("name"),
        FieldPanel("department", widget=forms.Select),
        FieldPanel("reply_days"),
        FieldPanel("sort_order"),
    ]


class RoutingRuleViewSet(SnippetViewSet):
    model = RoutingRule
    icon = "redirect"
    list_display = ["keywords", "department", "sort_order"]
    search_fields = ["keywords"]
    panels = [
        FieldPanel("keywords"),
        FieldPanel("department", widget=forms.Select),
        FieldPanel("sort_order"),
    ]


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    list_display = ["name", "department"]
    search_fields = ["name", "text"]
    panels = [
        FieldPanel("name"),
        FieldPanel("department", widget=forms.Select),
        FieldPanel("text"),
    ]


SNIPPETS = [
    (MessageCategoryViewSet, _("留言类别"), "messagecategory", 40),
    (RoutingRuleViewSet, _("分办规则"), "routingrule", 50),
    (ReplyTemplateViewSet, _("答复模板"), "replytemplate", 60),
]
for viewset, *_rest in SNIPPETS:
    register_snippet(viewset)


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        PermissionMenuItem(_("留言办理"), reverse("interaction_admin:messages"), icon_name="mail",
                           order=10, permission="interaction.view_message"),
        PermissionMenuItem(_("逾期留言"), reverse("interaction_admin:overdue"), icon_name="time",
                           order=20, permission="interaction.view_message"),
        PermissionMenuItem(_("留言统计"), reverse("interaction_admin:statistics"),
                           icon_name="table", order=30, permission="interaction.view_message"),
        *(
            PermissionMenuItem(label, reverse(f"wagtailsnippets_interaction_{name}:list"),
                               icon_name=viewset.icon, order=order,
                               permission=f"interaction.view_{name}")
            for viewset, label, name, order in SNIPPETS
        ),
    ]  # fmt: skip
    return SubmenuMenuItem(_("政民互动"), Menu(items=items), icon_name="group", order=165)
