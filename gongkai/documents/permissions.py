"""Who may do what with documents and interpretations in the back office."""

from gongkai.core.permissions import DepartmentPermissionPolicy


class SignOffPermissionPolicy(DepartmentPermissionPolicy):
    """Department scoping, and nobody holds "publish": these models are published only by the
    sign-off workflow (gongkai.documents.publication), so Wagtail's views offer no publish
    action on create, edit or revert.

    Wagtail checks "publish" for taking an item off line too (unpublish, unschedule); those
    views ask for "unpublish" instead (``UnpublishingViews``), which the publish model
    permission of the openness office and administrators grants.
    """

    def user_has_permission(self, user, action):
        if action == "publish":
            return False
        if action == "unpublish":
            action = "publish"
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_may_choose(self, user):
        """What a chooser offers (e.g. the document a draft is based on): what the user may
        see, and what anybody may see, the published items."""
        visible = self.instances_user_has_any_permission_for(user, ["change", "view"])
        if not self.user_has_any_permission(user, ["change", "view"]):
            return visible
        return visible | self.model._default_manager.filter(live=True)
