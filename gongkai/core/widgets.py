"""Form widgets of the back office."""

from django.forms import ClearableFileInput
from django.urls import reverse


class _StaffLink(str):
    """The stored name, with the staff view's address as its ``url``."""

    @property
    def url(self) -> str:
        return reverse("core_media_staff", args=[str(self)])


class StaffFileInput(ClearableFileInput):
    """Links the current file to the authorised staff view (/admin/media/…) rather than to
    /media/, which serves published items' files only."""

    def format_value(self, value):
        value = super().format_value(value)
        return _StaffLink(value.name) if value and getattr(value, "name", None) else value
