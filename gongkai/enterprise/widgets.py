"""A snippet chooser whose button texts follow the reader's language.

Wagtail's ``AdminSnippetChooser`` formats "Choose %(object)s" once, when the form class is
built (at start-up, in Chinese), so an English page said "选择 政策文件". These texts are
formatted when shown."""

from django.utils.functional import lazy
from django.utils.translation import gettext
from wagtail.snippets.widgets import AdminSnippetChooser


def _lazy_text(template: str, model):
    return lazy(lambda: gettext(template) % {"object": model._meta.verbose_name}, str)()


class SnippetChooser(AdminSnippetChooser):
    def __init__(self, model=None, **kwargs):
        super().__init__(model, **kwargs)
        self.choose_one_text = _lazy_text("Choose %(object)s", self.model)
        self.choose_another_text = _lazy_text("Choose another %(object)s", self.model)
        self.link_to_chosen_text = _lazy_text("Edit this %(object)s", self.model)
