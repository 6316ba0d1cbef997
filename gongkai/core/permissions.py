"""Department scoping of back-office permissions: an editor or head acts on their own department only."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.base import ModelPermissionPolicy

from gongkai.core.roles import sees_all_departments

DEPARTMENT_REFUSED = _("只能放在您所在的部门：无权将它放入其他部门。")


def user_department_id(user):
    profile = getattr(user, "staff_profile", None)
    return profile.department_id if profile else None


def acts_for_department(user, department_id) -> bool:
    """The openness office, assessors and administrators act for every department (and for the
    whole government, ``None``); anybody else for their own department only."""
    if user.is_superuser or sees_all_departments(user):
        return True
    own = user_department_id(user)
    return own is not None and department_id == own


class DepartmentRefused(PermissionDenied):
    """The item would go into a department the user does not act for; the message says so."""


def require_department(user, department_id) -> None:
    """Refuse to put an item into a department ``user`` does not act for (creating, editing,
    registering or assigning it). ``user`` None is the system itself (imports, the demo)."""
    if user is not None and not acts_for_department(user, department_id):
        raise DepartmentRefused(str(DEPARTMENT_REFUSED))


class DepartmentPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to instances of the user's own department.

    The openness office, assessors and administrators act on every department.
    ``department_field`` is a lookup, e.g. ``programme__department_id`` for a model whose
    department is its programme's.
    """

    def __init__(self, model, *, department_field: str = "department_id"):
        super().__init__(model)
        self.department_field = department_field

    def department_of(self, instance):
        value = instance
        for name in self.department_field.split("__"):
            value = getattr(value, name, None)
        return value

    def _in_scope(self, user, instance) -> bool:
        return acts_for_department(user, self.department_of(instance))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self._in_scope(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self._in_scope(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return instances.none()
        if user.is_superuser or sees_all_departments(user):
            return instances
        return instances.filter(**{self.department_field: user_department_id(user)})


class LimitedActionsPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for ``actions`` only, for superusers too: the back office never does
    the others on these rows."""

    actions: frozenset[str] = frozenset()

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action in self.actions]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


class ReadOnlyPermissionPolicy(LimitedActionsPermissionPolicy):
    """ "view" only: the back office never writes these rows (the append-only audit log)."""

    actions = frozenset({"view"})
