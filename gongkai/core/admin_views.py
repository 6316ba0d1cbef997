"""Back-office views that show each user only what their permission policy lets them see.

Wagtail checks model permissions only, and its views of one object (edit, delete, inspect,
usage, history, revisions and their comparison, workflow history and actions, previews, locks,
copy, unpublish) each load the object their own way; its choosers list every row. Our
``SnippetViewSet`` therefore puts every URL of its own that names an object (``pk``) behind the
permission policy's instance check, so that a view added later, by Wagtail or by us, is scoped
as well; its listing and chooser offer and answer only what the policy lets the user see, and
with a department-scoped policy an item is saved only into a department the user acts for.
"""

from functools import wraps

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_list_or_404
from django.urls import URLPattern, reverse_lazy
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as WagtailDeleteBulkAction
from wagtail.snippets.views import chooser
from wagtail.snippets.views import snippets as wagtail_snippets

from gongkai.core.permissions import DepartmentPermissionPolicy, require_department
from gongkai.core.roles import sees_all_departments

# Seeing an object is what these actions have in common; each view still asks for the
# permission of its own action (change, delete, lock ...) on top of this.
SEE_ACTIONS = ("add", "change", "delete", "view", "publish", "unpublish")


def visible_instances(user, model):
    """The rows of ``model`` that ``user`` may see (department-scoped where the model is)."""
    policy = policy_registry.get_by_type(model)
    offered = getattr(policy, "instances_user_may_choose", None)
    if offered is not None:
        return offered(user)
    return policy.instances_user_has_any_permission_for(user, SEE_ACTIONS)


def object_in_scope(policy, user, pk) -> bool:
    """Whether ``user`` may see the object ``pk`` of the policy's model; an unknown or
    malformed ``pk`` is left to the view (it answers 404)."""
    try:
        obj = policy.model._default_manager.filter(pk=unquote(str(pk))).first()
    except (ValueError, ValidationError):
        return True
    return obj is None or policy.user_has_any_permission_for_instance(user, SEE_ACTIONS, obj)


def scoped_to_objects(view, policy):
    @wraps(view)
    def scoped(request, *args, **kwargs):
        if "pk" in kwargs and not object_in_scope(policy, request.user, kwargs["pk"]):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return scoped


def office_wide(user) -> bool:
    return user.is_superuser or sees_all_departments(user)


def office_only(view):
    """A view across every department's items, for the openness office, assessors and
    administrators only."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not office_wide(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


class ChooserRefusedMixin:
    """A chooser answers only the users who may see rows of its model, i.e. those whose forms
    offer it; anyone else is refused (403) rather than shown an empty list or told an item
    they picked does not exist (404)."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, SEE_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class VisibleObjectsMixin(ChooserRefusedMixin):
    def get_object_list(self):
        return visible_instances(self.request.user, self.model_class)


class ChooseView(VisibleObjectsMixin, chooser.ChooseView):
    pass


class ChooseResultsView(VisibleObjectsMixin, chooser.ChooseResultsView):
    pass


class ChosenView(ChooserRefusedMixin, chooser.SnippetChosenView):
    def get_object(self, pk):
        return visible_instances(self.request.user, self.model_class).get(pk=pk)


class ChosenMultipleView(ChooserRefusedMixin, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return visible_instances(self.request.user, self.model_class).filter(pk__in=pks)


class ChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


# Reading an item's history, a revision, a comparison of revisions or its workflow history is
# reading: an assessor, who may view every item, reads them too (Wagtail asks for "change").
READ_ACTIONS = ["add", "change", "delete", "view"]


class HistoryView(wagtail_snippets.HistoryView):
    any_permission_required = READ_ACTIONS


class PreviewRevisionView(wagtail_snippets.PreviewRevisionView):
    permission_required = None
    any_permission_required = READ_ACTIONS


class RevisionsCompareView(wagtail_snippets.RevisionsCompareView):
    permission_required = None
    any_permission_required = READ_ACTIONS


class WorkflowHistoryView(wagtail_snippets.WorkflowHistoryView):
    permission_required = None
    any_permission_required = READ_ACTIONS


class WorkflowHistoryDetailView(wagtail_snippets.WorkflowHistoryDetailView):
    permission_required = None
    any_permission_required = READ_ACTIONS


class DepartmentCheckedSave:
    """Creating, editing and copying save only into a department the user acts for, when the
    model's permission policy is department-scoped (the form may say so first)."""

    def save_instance(self):
        policy = self.permission_policy
        if isinstance(policy, DepartmentPermissionPolicy):
            require_department(self.request.user, policy.department_of(self.form.instance))
        return super().save_instance()


class NoAutosaveOnCreate:
    """Wagtail autosaves a new item by posting its create form in the background; a "submit"
    clicked while that post is under way posts the form again and makes the item twice (the
    sign-off browser test caught two documents). A new item is made when its editor saves it;
    autosave works from the edit page on."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False


class CreateView(NoAutosaveOnCreate, DepartmentCheckedSave, wagtail_snippets.CreateView):
    pass


class CopyView(generic.CopyViewMixin, CreateView):
    pass


class EditView(DepartmentCheckedSave, wagtail_snippets.EditView):
    pass


class SnippetViewSet(wagtail_snippets.SnippetViewSet):
    """Every snippet viewset of ours: listing, object URLs and chooser within the permission
    policy."""

    chooser_viewset_class = ChooserViewSet
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    history_view_class = HistoryView
    revisions_view_class = PreviewRevisionView
    revisions_compare_view_class = RevisionsCompareView
    workflow_history_view_class = WorkflowHistoryView
    workflow_history_detail_view_class = WorkflowHistoryDetailView

    def get_queryset(self, request):
        return visible_instances(request.user, self.model)

    def get_urlpatterns(self):
        policy = self.permission_policy
        return [
            URLPattern(p.pattern, scoped_to_objects(p.callback, policy), p.default_args, p.name)
            if isinstance(p, URLPattern)
            else p
            for p in super().get_urlpatterns()
        ]

    @property
    def breadcrumbs_items(self):
        # Wagtail's, with lazy labels: Wagtail translates them when the viewset is registered
        # (at startup, in Chinese), so an English page said "首页".
        items = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
        if (
            getattr(settings, "WAGTAILSNIPPETS_MENU_SHOW_ALL", False)
            or not self.get_menu_item_is_registered()
        ):
            items.append(
                {"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")}
            )
        return items


class DeleteBulkAction(WagtailDeleteBulkAction):
    """Wagtail's bulk delete of snippets over the items the user may see: its confirmation
    page named every chosen item, another department's drafts too, as one it may not delete."""

    def get_queryset(self, model, object_ids):
        return get_list_or_404(visible_instances(self.request.user, model), pk__in=object_ids)
