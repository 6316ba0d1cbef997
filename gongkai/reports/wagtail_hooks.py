"""The back office's 年度报告 menu: list, create draft, edit, review and publish, download."""

from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from gongkai.core.admin_views import SnippetViewSet
from gongkai.reports import admin_views
from gongkai.reports.forms import AnnualReportCreateForm, AnnualReportEditForm
from gongkai.reports.models import AnnualReport
from gongkai.reports.panels import ReportStatePanel, Table2FiguresPanel
from gongkai.reports.selectors import reports_for_user

register_permission_policy(AnnualReport, admin_views.permission_policy)

CREATE_HANDLER = ObjectList(
    [FieldPanel("year"), FieldPanel("department")], base_form_class=AnnualReportCreateForm
)


class AnnualReportViewSet(SnippetViewSet):
    model = AnnualReport
    icon = "table"
    menu_name = "annual-reports"
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "__str__",
        Column("body_label", label=_("报告主体")),
        "format",
        "status",
        Column("due_on", label=_("公开期限")),
        "computed_at",
        "published_at",
    ]
    list_filter = ["year", "status", "department"]
    list_per_page = 50
    # One report per year and body, created through the service: a copy could never be saved.
    copy_view_enabled = False
    index_view_class = admin_views.IndexView
    add_view_class = admin_views.CreateView
    edit_view_class = admin_views.EditView
    delete_view_class = admin_views.DeleteView
    edit_handler = ObjectList(
        [
            ReportStatePanel(),
            FieldPanel("overview"),
            Table2FiguresPanel(heading=_("二、主动公开政府信息情况（填报数）")),
            FieldPanel("problems"),
            FieldPanel("other_matters"),
        ],
        base_form_class=AnnualReportEditForm,
    )

    def get_queryset(self, request):
        return reports_for_user(request.user)

    def get_add_view_kwargs(self, **kwargs):
        panel = CREATE_HANDLER.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)

    def get_urlpatterns(self):
        # Nothing to preview before the draft exists: its tables are computed when it is created.
        urlpatterns = [
            p for p in super().get_urlpatterns() if getattr(p, "name", None) != "preview_on_add"
        ]
        return urlpatterns + [
            path("review/<int:pk>/", admin_views.review, name="review"),
            path("live/", admin_views.live, name="live"),
            re_path(
                r"^download/(?P<pk>\d+)/(?P<fmt>docx|xlsx)/$",
                admin_views.download,
                name="download",
            ),
        ]


register_snippet(AnnualReportViewSet)


@hooks.register("register_snippet_listing_buttons")
def annual_report_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, AnnualReport):
        return
    yield ListingButton(_("核对与发布"), admin_views.review_url(snippet), priority=20)
    if snippet.is_published:
        yield ListingButton(_("查看公开页面"), snippet.get_absolute_url(), priority=50)
