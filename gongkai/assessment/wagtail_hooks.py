"""The back office's 网站自查 menu: findings of the site's own health check, and the update
rule of each column; the 考核 menu (the scoreboard, and the indicators edited as data) and the
抽查 menu (spot checks and the rectification of their findings)."""

from urllib.parse import urlencode

from django import forms
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from gongkai.assessment import admin_views, scoreboard_views, selectors, services, spot_check_views
from gongkai.assessment.models import AssessmentSettings, ColumnRule, Indicator, SpotCheckFinding
from gongkai.core.admin_views import EditView, SnippetViewSet
from gongkai.core.menu import PermissionMenuItem
from gongkai.core.permissions import LimitedActionsPermissionPolicy

admin_urls = [
    path("", admin_views.findings, name="findings"),
    path("run/", admin_views.run, name="run"),
]


score_urls = [
    path("", scoreboard_views.scoreboard, name="board"),
    path("compute/", scoreboard_views.compute, name="compute"),
    path("notice/", scoreboard_views.notice, name="notice"),
    path(
        "<str:period>/<int:department>/<str:code>/",
        scoreboard_views.result,
        name="result",
    ),
]

spot_urls = [
    path("", spot_check_views.spot_checks, name="list"),
    path("new/", spot_check_views.spot_check_new, name="new"),
    path("<int:pk>/", spot_check_views.spot_check, name="detail"),
    path("<int:pk>/draw/", spot_check_views.spot_check_draw, name="draw"),
    path("items/<int:pk>/finding/", spot_check_views.finding_new, name="finding_new"),
    path("findings/", spot_check_views.findings, name="findings"),
    path("findings/<int:pk>/", spot_check_views.finding, name="finding"),
    path("findings/<int:pk>/rectify/", spot_check_views.finding_rectify, name="rectify"),
    path("findings/<int:pk>/close/", spot_check_views.finding_close, name="close"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("health/", include((admin_urls, "assessment_admin"))),
        path("assessment/", include((score_urls, "assessment_scores"))),
        path("spot-checks/", include((spot_urls, "assessment_spot"))),
    ]


@hooks.register("register_admin_menu_item")
def register_scoreboard_menu_item():
    return PermissionMenuItem(
        _("考核"),
        reverse("assessment_scores:board"),
        icon_name="success",
        order=910,
        permission="assessment.view_indicatorresult",
    )


@hooks.register("register_admin_menu_item")
def register_spot_check_menu_item():
    return PermissionMenuItem(
        _("抽查"),
        reverse("assessment_spot:list"),
        icon_name="search",
        order=911,
        permission="assessment.view_spotcheck",
    )


@hooks.register("register_admin_menu_item")
def register_health_menu_item():
    return PermissionMenuItem(
        _("网站自查"),
        reverse("assessment_admin:findings"),
        icon_name="warning",
        order=900,
        permission="assessment.view_healthcheck",
    )


class ColumnRuleViewSet(SnippetViewSet):
    model = ColumnRule
    icon = "time"
    menu_label = _("栏目更新要求")
    add_to_admin_menu = False
    list_display = ["document_kind", "topic", "max_age_days"]
    # Plain selects: the snippet chooser's buttons showed Chinese labels on English pages.
    panels = [
        FieldPanel("document_kind", widget=forms.Select),
        FieldPanel("topic", widget=forms.Select),
        FieldPanel("max_age_days"),
    ]


register_snippet(ColumnRuleViewSet)


class IndicatorPermissionPolicy(LimitedActionsPermissionPolicy):
    """Each indicator is a rule of ``indicator_rows``: the back office views and edits them,
    and no one, not even a superuser, adds or deletes one there."""

    actions = frozenset({"view", "change"})


register_permission_policy(Indicator, IndicatorPermissionPolicy(Indicator))


class IndicatorForm(WagtailAdminModelForm):
    """The weight and the pass mark are checked on the server with the model's own messages
    (not Django's generic range message, nor the browser's for a ``min`` or ``max``
    attribute), and the weight's help says what the weights in use add up to now."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("weight", "pass_mark"):
            field = self.fields[name]
            field.validators = list(Indicator._meta.get_field(name).validators)
            field.widget.attrs.pop("min", None)
            field.widget.attrs.pop("max", None)
        weight = self.fields["weight"]
        total = _("现在各指标权重合计 %(total)s。") % {
            "total": selectors.weight_total(selectors.indicators())
        }
        weight.help_text = f"{weight.help_text} {total}"


class IndicatorEditView(EditView):
    """Saved through ``services.indicator_update`` (audited, before and after)."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.indicator_update(
            indicator=self.object,
            user=self.request.user,
            **{name: data[name] for name in services.INDICATOR_FIELDS},
        )


class IndicatorViewSet(SnippetViewSet):
    """考核指标 as data: assessors and administrators edit the published definitions,
    weights, pass marks and use (在用); the code and scoring direction are the rule's, so not
    here, and no indicator is added or deleted here (one is taken out of use instead)."""

    model = Indicator
    icon = "success"
    menu_label = pgettext_lazy("models", "考核指标")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_view_class = IndicatorEditView
    list_display = [
        "name",
        "weight",
        "deduction",
        "pass_mark",
        BooleanColumn("active", label=_("在用")),
        BooleanColumn("published", label=_("公开")),
        "position",
    ]
    edit_handler = ObjectList(
        [FieldPanel(name) for name in services.INDICATOR_FIELDS], base_form_class=IndicatorForm
    )


register_snippet(IndicatorViewSet)


class AssessmentSettingsPermissionPolicy(LimitedActionsPermissionPolicy):
    """One row for the whole site (``AssessmentSettings.load``): changed, never added or
    deleted."""

    actions = frozenset({"view", "change"})


register_permission_policy(
    AssessmentSettings, AssessmentSettingsPermissionPolicy(AssessmentSettings)
)


class NoticeThresholdForm(WagtailAdminModelForm):
    """The line is checked on the server with the model's own message (not the browser's for
    a ``min`` or ``max`` attribute)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["notice_threshold"]
        field.validators = list(AssessmentSettings._meta.get_field("notice_threshold").validators)
        field.widget.attrs.pop("min", None)
        field.widget.attrs.pop("max", None)


class AssessmentSettingsEditView(EditView):
    """Saved through ``services.notice_threshold_set`` (audited, before and after), then back
    to the scoreboard's period it was opened from (``?period=``), whose list of departments
    for 通报 follows the new line."""

    def save_instance(self):
        return services.notice_threshold_set(
            threshold=self.form.cleaned_data["notice_threshold"], user=self.request.user
        )

    def _with_period(self, url: str) -> str:
        period = self.request.GET.get("period")
        return f"{url}?{urlencode({'period': period})}" if period else url

    def get_edit_url(self):
        return self._with_period(super().get_edit_url())

    def get_success_url(self):
        return self._with_period(reverse("assessment_scores:board"))


class AssessmentSettingsViewSet(SnippetViewSet):
    """考核设置 (the 通报 line), reached from the scoreboard by assessors and administrators."""

    model = AssessmentSettings
    icon = "success"
    menu_label = pgettext_lazy("models", "考核设置")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_view_class = AssessmentSettingsEditView
    edit_handler = ObjectList([FieldPanel("notice_threshold")], base_form_class=NoticeThresholdForm)


register_snippet(AssessmentSettingsViewSet)


class SpotFindingURLFinder(ModelAdminURLFinder):
    """The items behind the spot_checks indicator open their finding's page (which shows a
    department its own findings only)."""

    edit_url_name = "assessment_spot:finding"

    def get_edit_url(self, instance):
        if self.user and not self.user.has_perm("assessment.view_spotcheckfinding"):
            return None
        return self.construct_edit_url(instance)


register_admin_url_finder(SpotCheckFinding, SpotFindingURLFinder)
