"""The back office's 办事服务 menu: service guides and the certificate list (snippets, each
department its own); saving or deleting hands over to the services (flag, words, audit, pages)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from gongkai.areas import services
from gongkai.areas.models import CertificateItem, ServiceGuide
from gongkai.core.admin_views import SnippetViewSet
from gongkai.core.permissions import DepartmentPermissionPolicy
from gongkai.documents.forms import OwnDepartmentForm
from gongkai.documents.models import Document
from gongkai.enterprise.widgets import SnippetChooser

register_permission_policy(ServiceGuide, DepartmentPermissionPolicy(ServiceGuide))
register_permission_policy(CertificateItem, DepartmentPermissionPolicy(CertificateItem))


class ServiceGuideViewSet(SnippetViewSet):
    model = ServiceGuide
    icon = "help"
    menu_label = _("办事指南")
    list_display = ["name", "department", "published", "needs_revision", "updated_at"]
    list_filter = ["department", "published", "needs_revision"]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
            FieldPanel("department", widget=forms.Select),
            MultiFieldPanel(
                [
                    FieldPanel("basis"),
                    InlinePanel(
                        "bases",
                        label=_("依据文件"),
                        panels=[FieldPanel("document", widget=SnippetChooser(Document))],
                    ),
                ],
                heading=_("设定依据"),
            ),
            FieldPanel("conditions"),
            InlinePanel("materials", label=_("申请材料")),
            FieldRowPanel([FieldPanel("statutory_days"), FieldPanel("promised_days")]),
            FieldRowPanel([FieldPanel("free"), FieldPanel("fees")]),
            FieldPanel("flow"),
            FieldPanel("where_to_apply"),
            FieldRowPanel([FieldPanel("contact"), FieldPanel("online_url")]),
            FieldPanel("published"),
        ],
        base_form_class=OwnDepartmentForm,
    )


class CertificateItemViewSet(SnippetViewSet):
    model = CertificateItem
    icon = "list-ul"
    menu_label = _("证明事项清单")
    list_display = ["name", "department", "issuing_body", "status", "updated_at"]
    list_filter = ["department", "status"]
    search_fields = ["name", "issuing_body"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel(
                [FieldPanel("department", widget=forms.Select), FieldPanel("issuing_body")]
            ),
            FieldPanel("used_for"),
            FieldPanel("basis"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("note")]),
        ],
        base_form_class=OwnDepartmentForm,
    )


class ServicesGroup(SnippetViewSetGroup):
    items = [ServiceGuideViewSet, CertificateItemViewSet]
    menu_icon = "help"
    menu_label = _("办事服务")
    menu_name = "services"
    menu_order = 165


register_snippet(ServicesGroup)


def _saved(created: bool):
    def hand_over(request, instance):
        if isinstance(instance, ServiceGuide):
            services.guide_saved(guide=instance, user=request.user, created=created)
        elif isinstance(instance, CertificateItem):
            services.certificate_saved(item=instance, user=request.user, created=created)

    return hand_over


hooks.register("after_create_snippet", _saved(created=True))
hooks.register("after_edit_snippet", _saved(created=False))


def _ours(instances) -> list:
    return [obj for obj in instances if isinstance(obj, ServiceGuide | CertificateItem)]


@hooks.register("before_delete_snippet")
def remember_ids(request, instances):
    # Django clears the id of a deleted row; the audit and the page tags need it afterwards.
    for obj in _ours(instances):
        obj.id_before_delete = obj.pk


@hooks.register("after_delete_snippet")
def deleted(request, instances):
    for obj in _ours(instances):
        obj.pk = obj.id_before_delete
        if isinstance(obj, ServiceGuide):
            services.guide_deleted(guide=obj, user=request.user)
        else:
            services.certificate_deleted(item=obj, user=request.user)
