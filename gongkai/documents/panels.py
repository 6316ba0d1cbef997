from wagtail.admin.panels import Panel

from gongkai.documents.selectors import publication_problems


class PublicationChecksPanel(Panel):
    """Shows the pre-publication checks of the object being edited, to editor and reviewer alike."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "documents/panels/publication_checks.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["problems"] = publication_problems(self.instance) if self.instance.pk else []
            context["is_new"] = not self.instance.pk
            return context
