"""sitemap.xml: public documents, interpretations, the portal's own pages and the guide pages."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from gongkai.documents.models import Interpretation
from gongkai.documents.selectors import public_documents, public_interpretations
from gongkai.portal import selectors

STATIC_PAGES = (
    "portal:home",
    "portal:document_list",
    "portal:interpretation_list",
    "portal:catalogue",
    "portal:search",
)


class DocumentSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return public_documents().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # The index asks for this; Django's default would load every item to find it.
        return public_documents().aggregate(latest=Max("updated_at"))["latest"]


class InterpretationSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return public_interpretations().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        latest = Interpretation.objects.filter(pk__in=public_interpretations().values("pk"))
        return latest.aggregate(latest=Max("updated_at"))["latest"]


class PortalPageSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return list(STATIC_PAGES)

    def location(self, item):
        return reverse(item)


class GuidePageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        page = selectors.live_guide_page()
        return [page] if page else []

    def location(self, item):
        _site_id, _root_url, path = item.get_url_parts()
        return path

    def lastmod(self, item):
        return item.last_published_at


SITEMAPS = {
    "pages": PortalPageSitemap,
    "guide": GuidePageSitemap,
    "documents": DocumentSitemap,
    "interpretations": InterpretationSitemap,
}
