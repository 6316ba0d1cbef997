"""Snippet views that refuse objects outside the user's department.

Wagtail's edit, delete, inspect and history views check model permissions only; a
department-scoped policy also needs the object checked, as its preview views already do.
"""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.views import snippets


class InstancePermissionMixin:
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["change", "view"], obj
        ):
            raise PermissionDenied
        return obj


class ScopedEditView(InstancePermissionMixin, snippets.EditView):
    pass


class ScopedDeleteView(InstancePermissionMixin, snippets.DeleteView):
    pass


class ScopedInspectView(InstancePermissionMixin, snippets.InspectView):
    pass


class ScopedHistoryView(InstancePermissionMixin, snippets.HistoryView):
    pass


class DepartmentScopedViews:
    """Mixed into a SnippetViewSet whose model has a ``department``."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
