"""The back office's 办事服务 menu: service guides and the certificate list; the 财政预决算 and
政府债务 menu and the 重点领域 menu (就业, 放管服) (snippets in the sign-off workflow, each department its
own); saving or deleting hands over to the services (flag, words, audit, pages)."""

from django import forms
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
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from gongkai.areas import services
from gongkai.areas.forms import BudgetDisclosureForm
from gongkai.areas.models import (
    BudgetDisclosure,
    CertificateItem,
    DebtDisclosure,
    EmploymentRecord,
    ReformMeasure,
    ServiceGuide,
)
from gongkai.core.admin_views import SnippetViewSet
from gongkai.documents.forms import OwnDepartmentForm
from gongkai.documents.models import Document
from gongkai.documents.panels import PublicationChecksPanel
from gongkai.documents.permissions import SignOffPermissionPolicy
from gongkai.documents.wagtail_hooks import STATUS_LABEL, OwnDepartmentSignOffViews, SignOffViews
from gongkai.enterprise.widgets import SnippetChooser

register_permission_policy(ServiceGuide, SignOffPermissionPolicy(ServiceGuide))
register_permission_policy(CertificateItem, SignOffPermissionPolicy(CertificateItem))
register_permission_policy(BudgetDisclosure, SignOffPermissionPolicy(BudgetDisclosure))
register_permission_policy(DebtDisclosure, SignOffPermissionPolicy(DebtDisclosure))
register_permission_policy(EmploymentRecord, SignOffPermissionPolicy(EmploymentRecord))
register_permission_policy(ReformMeasure, SignOffPermissionPolicy(ReformMeasure))


class ServiceGuideViewSet(OwnDepartmentSignOffViews, SnippetViewSet):
    model = ServiceGuide
    icon = "help"
    menu_label = _("办事指南")
    list_display = [
        "name",
        "department",
        "needs_revision",
        "updated_at",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "live", "needs_revision"]
    search_fields = ["name", "code"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
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
            PublishingPanel(),
        ],
        base_form_class=OwnDepartmentForm,
    )


class CertificateItemViewSet(OwnDepartmentSignOffViews, SnippetViewSet):
    model = CertificateItem
    icon = "list-ul"
    menu_label = _("证明事项清单")
    list_display = [
        "name",
        "department",
        "issuing_body",
        "status",
        "updated_at",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "status", "live"]
    search_fields = ["name", "issuing_body"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldPanel("name"),
            FieldRowPanel(
                [FieldPanel("department", widget=forms.Select), FieldPanel("issuing_body")]
            ),
            FieldPanel("used_for"),
            FieldPanel("basis"),
            FieldRowPanel([FieldPanel("status"), FieldPanel("note")]),
            PublishingPanel(),
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


class BudgetDisclosureViewSet(SignOffViews, SnippetViewSet):
    model = BudgetDisclosure
    icon = "table"
    menu_label = _("财政预决算")
    list_display = [
        "title",
        "department",
        "year",
        "kind",
        "disclosed_on",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "year", "kind", "live"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldPanel("title"),
            FieldRowPanel(
                [
                    FieldPanel("department", widget=forms.Select),
                    FieldPanel("year"),
                    FieldPanel("kind"),
                ]
            ),
            FieldPanel("document", widget=SnippetChooser(Document)),
            FieldPanel("file"),
            FieldPanel("disclosed_on"),
            FieldPanel("note"),
            PublishingPanel(),
        ],
        base_form_class=BudgetDisclosureForm,
    )


class DebtDisclosureViewSet(SignOffViews, SnippetViewSet):
    model = DebtDisclosure
    icon = "doc-full-inverse"
    menu_label = _("政府债务")
    list_display = [
        "__str__",
        "department",
        "limit",
        "balance",
        "disclosed_on",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["year", "kind", "live"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldRowPanel(
                [
                    FieldPanel("department", widget=forms.Select),
                    FieldPanel("year"),
                    FieldPanel("kind"),
                ]
            ),
            FieldRowPanel([FieldPanel("limit"), FieldPanel("balance")]),
            FieldRowPanel([FieldPanel("new_bonds"), FieldPanel("refinancing_bonds")]),
            FieldRowPanel([FieldPanel("principal_repaid"), FieldPanel("interest_paid")]),
            FieldPanel("use_of_funds"),
            FieldPanel("repayment"),
            FieldPanel("document", widget=SnippetChooser(Document)),
            FieldPanel("disclosed_on"),
            PublishingPanel(),
        ],
        base_form_class=OwnDepartmentForm,
    )


class FinanceGroup(SnippetViewSetGroup):
    items = [BudgetDisclosureViewSet, DebtDisclosureViewSet]
    menu_icon = "table"
    menu_label = _("财政信息")
    menu_name = "finance"
    menu_order = 164


register_snippet(FinanceGroup)


class EmploymentRecordViewSet(SignOffViews, SnippetViewSet):
    model = EmploymentRecord
    icon = "group"
    menu_label = _("就业信息")
    list_display = [
        "title",
        "department",
        "year",
        "kind",
        "disclosed_on",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "year", "kind", "live"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldPanel("title"),
            FieldRowPanel(
                [
                    FieldPanel("department", widget=forms.Select),
                    FieldPanel("year"),
                    FieldPanel("kind"),
                ]
            ),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("target_groups"),
            MultiFieldPanel([FieldPanel("standard"), FieldPanel("amount")], heading=_("就业补贴")),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("held_on"), FieldPanel("place")])],
                heading=_("招聘会"),
            ),
            FieldPanel("how_to_apply"),
            FieldPanel("contact"),
            FieldPanel("document", widget=SnippetChooser(Document)),
            FieldPanel("disclosed_on"),
            PublishingPanel(),
        ],
        base_form_class=OwnDepartmentForm,
    )


class ReformMeasureViewSet(SignOffViews, SnippetViewSet):
    model = ReformMeasure
    icon = "tasks"
    menu_label = _("放管服改革措施")
    list_display = [
        "title",
        "department",
        "year",
        "category",
        "status",
        LiveStatusTagColumn(label=STATUS_LABEL),
    ]
    list_filter = ["department", "year", "category", "status", "live"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [
            PublicationChecksPanel(),
            FieldPanel("title"),
            FieldRowPanel(
                [
                    FieldPanel("department", widget=forms.Select),
                    FieldPanel("year"),
                    FieldPanel("category"),
                ]
            ),
            FieldPanel("content"),
            FieldPanel("basis"),
            FieldPanel("document", widget=SnippetChooser(Document)),
            FieldRowPanel([FieldPanel("implemented_on"), FieldPanel("status")]),
            FieldPanel("disclosed_on"),
            PublishingPanel(),
        ],
        base_form_class=OwnDepartmentForm,
    )


class KeyAreasGroup(SnippetViewSetGroup):
    items = [EmploymentRecordViewSet, ReformMeasureViewSet]
    menu_icon = "group"
    menu_label = _("重点领域")
    menu_name = "key_areas"
    menu_order = 166


register_snippet(KeyAreasGroup)

RECORDS = (BudgetDisclosure, DebtDisclosure, EmploymentRecord, ReformMeasure)


def _saved(created: bool):
    def hand_over(request, instance):
        if isinstance(instance, ServiceGuide):
            services.guide_saved(guide=instance, user=request.user, created=created)
        elif isinstance(instance, CertificateItem):
            services.certificate_saved(item=instance, user=request.user, created=created)
        elif isinstance(instance, RECORDS):
            services.record_saved(record=instance, user=request.user, created=created)

    return hand_over


hooks.register("after_create_snippet", _saved(created=True))
hooks.register("after_edit_snippet", _saved(created=False))


def _ours(instances) -> list:
    return [obj for obj in instances if isinstance(obj, (ServiceGuide, CertificateItem, *RECORDS))]


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
        elif isinstance(obj, CertificateItem):
            services.certificate_deleted(item=obj, user=request.user)
        else:
            services.record_deleted(record=obj, user=request.user)
