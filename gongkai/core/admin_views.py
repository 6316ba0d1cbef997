"""Snippet views that refuse objects outside the user's department.

Wagtail's edit, delete, inspect and history views check model permissions only; a
department-scoped policy also needs the object checked, as its preview views already do.
"""

from django.core.exceptions import PermissionDenied
from wagtail.snippets.views import snippets


class InstancePermissionMixin:
    # Wagtail's views differ: edit and delete take a queryset, history and inspect take nothing.
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
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
    # Reading the history is reading: an assessor, who may view every item, reads it too.
    any_permission_required = ["add", "change", "delete", "view"]


class DepartmentScopedViews:
    """Mixed into a SnippetViewSet whose model has a ``department``."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
