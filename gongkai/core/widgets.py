"""Form widgets of the back office."""

from django.forms import ClearableFileInput
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.snippets.widgets import AdminSnippetChooser


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


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser with its button texts in the language of the request: Wagtail
    writes them once, when the widget is made (at import, in Chinese); Django copies the
    widget for every form, so the copy writes them again."""

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        name = self.model._meta.verbose_name
        copy.choose_one_text = _("Choose %(object)s") % {"object": name}
        copy.choose_another_text = _("Choose another %(object)s") % {"object": name}
        copy.link_to_chosen_text = _("Edit this %(object)s") % {"object": name}
        return copy
