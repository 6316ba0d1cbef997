"""The PostgreSQL backend's index table (unused with the tantivy backend).

One row per public document: the filter values, the original title/summary/body for
highlighting, and a tsvector written from the jieba-segmented words (gongkai.search.tsearch),
so PostgreSQL takes the words as they are. The table migrates on SQLite too (SQLite accepts any column
type name); the GIN index is created on PostgreSQL only (see migration_operations).
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SearchEntry(models.Model):
    """检索条目: a document as the PostgreSQL full-text index holds it."""

    document_id = models.BigIntegerField(pgettext_lazy("document", "文件"), unique=True)
    title = models.TextField(_("标题"))
    summary = models.TextField(_("摘要"), blank=True)
    body = models.TextField(_("正文"), blank=True)
    doc_number_key = models.CharField(_("发文字号（规范化）"), max_length=128, blank=True)
    doc_number_year = models.IntegerField(_("发文年份"), null=True)
    doc_number_serial = models.IntegerField(_("发文序号"), null=True)
    doc_number_prefix = models.CharField(_("机关代字"), max_length=64, blank=True)
    department_ids = models.JSONField(_("发文机关"), default=list)
    topic_ids = models.JSONField(_("主题分类"), default=list)
    year = models.IntegerField(_("年份"), null=True)
    doc_type = models.CharField(_("公文种类"), max_length=64, blank=True)
    validity = models.CharField(_("有效性"), max_length=32, blank=True)
    disclosure = models.CharField(_("公开属性"), max_length=32, blank=True)
    sort_key = models.BigIntegerField(_("排序键"), db_index=True)
    search_vector = SearchVectorField(_("检索向量"), null=True)
    # Title, number, keywords and summary only: small enough to rank thousands of matches.
    title_vector = SearchVectorField(_("标题检索向量"), null=True)

    class Meta:
        verbose_name = pgettext_lazy("model", "检索条目")
        verbose_name_plural = pgettext_lazy("models", "检索条目")
        indexes = [
            GinIndex(fields=["search_vector"], name="search_entry_vector_gin"),
            models.Index(
                fields=["doc_number_serial", "doc_number_year"], name="search_entry_number"
            ),
        ]

    def __str__(self) -> str:
        return self.title
