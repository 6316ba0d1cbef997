from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.documents.models.document import Document


class Citation(models.Model):
    """引用: a document the source document's text cites, by 《title》(发文字号) or a bare number.

    ``doc_number`` and ``title`` are as the citing text writes them; ``key`` is the
    normalised number (gongkai.core.docnumbers). ``target`` is the library document with that
    key, or null while the cited document is not in the library; it is filled in when such a
    document is imported, created or published (gongkai.documents.citations).
    """

    source = models.ForeignKey(
        Document,
        verbose_name=_("引用文件"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    doc_number = models.CharField(_("发文字号"), max_length=100)
    key = models.CharField(_("规范化文号"), max_length=100, db_index=True)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    target = models.ForeignKey(
        Document,
        verbose_name=_("被引用文件"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cited_by",
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = pgettext_lazy("model", "引用")
        verbose_name_plural = pgettext_lazy("models", "引用")
        ordering = ["sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="citation_unique_per_source")
        ]

    def __str__(self):
        return f"{self.title or ''}{self.doc_number}"
