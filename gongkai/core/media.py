"""Who may read an uploaded file: decided by the object that owns it, never by its path.

Each app registers, for the folder its uploads go to, a function that finds the owner of a stored
file (``register_media_owner``). The public media view serves a file only when its owner says it
is public (a published, not withdrawn item); the staff view serves it to a member of staff who may
view or change the owner under the owner's permission policy (Wagtail's registry, which applies
the department scoping of gongkai.core.permissions). A file no owner claims is served by neither
(disclosure attachments and execution evidence have their own back-office downloads).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry


@dataclass(frozen=True)
class OwnedFile:
    name: str  # relative to MEDIA_ROOT
    owner: Model
    public: bool = False
    withdrawn: bool = False  # was public and was withdrawn: 410 for the public
    # Who of the staff may read it; by default whoever may view or change the owner.
    readable_by: Callable[[object], bool] | None = None


Resolver = Callable[[str], "OwnedFile | None"]
_resolvers: dict[str, Resolver] = {}
STAFF_ACTIONS = ("view", "change", "choose")


def register_media_owner(folder: str, resolve: Resolver) -> None:
    """``resolve(name)`` answers for the stored files under ``folder/``."""
    _resolvers[folder.strip("/")] = resolve


def owned_file(name: str) -> OwnedFile | None:
    folder = name.split("/", 1)[0]
    resolve = _resolvers.get(folder)
    if resolve is None or ".." in name.split("/"):
        return None
    return resolve(name)


def staff_may_read(user, owned: OwnedFile) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if owned.readable_by is not None:
        return owned.readable_by(user)
    policy = policy_registry.get(owned.owner)
    return policy.user_has_any_permission_for_instance(user, STAFF_ACTIONS, owned.owner)


def any_staff(user) -> bool:
    return user.has_perm("wagtailadmin.access_admin")


def is_public(obj) -> bool:
    """Anyone may see ``obj``: a live page without view restrictions, or an object whose
    ``is_public`` says so (published documents, interpretations, reports)."""
    if isinstance(obj, Page):
        return obj.live and not obj.get_view_restrictions().exists()
    return bool(getattr(obj, "is_public", False))


def referenced_publicly(obj) -> bool:
    """``obj`` (a Wagtail document or image) is used by something public, per Wagtail's reference
    index (which follows each object's saved, i.e. live, content)."""
    for reference in ReferenceIndex.get_references_to(obj).select_related("content_type"):
        model = reference.content_type.model_class()
        source = model and model._default_manager.filter(pk=reference.object_id).first()
        if source is not None and is_public(source):
            return True
    return False
