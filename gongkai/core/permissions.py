"""Department scoping of back-office permissions: an editor or head acts on their own department only."""

from wagtail.permission_policies.base import ModelPermissionPolicy

from gongkai.core.roles import sees_all_departments


def user_department_id(user):
    profile = getattr(user, "staff_profile", None)
    return profile.department_id if profile else None


class DepartmentPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to instances of the user's own department.

    The openness office, assessors and administrators act on every department.
    """

    department_field = "department_id"

    def _in_scope(self, user, instance) -> bool:
        if user.is_superuser or sees_all_departments(user):
            return True
        department_id = user_department_id(user)
        return (
            department_id is not None and getattr(instance, self.department_field) == department_id
        )

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
