from django.contrib.sitemaps import views as sitemaps
from django.urls import path
from django.views.generic import RedirectView

from gongkai.core.pagecache import public_page
from gongkai.documents.pagetags import DOCUMENT_LISTS, INTERPRETATION_LISTS
from gongkai.portal import feeds, views
from gongkai.portal.sitemaps import SITEMAPS

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("interpretations/", views.interpretation_list, name="interpretation_list"),
    path("interpretations/<int:pk>/", views.interpretation_detail, name="interpretation_detail"),
    path("search/", views.search, name="search"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue.csv", views.catalogue_csv, name="catalogue_csv"),
    path("catalogue.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
    path("guide/", views.guide, name="guide"),
    path("sitemap/", views.site_map, name="site_map"),
    path("display/", views.display_mode, name="display_mode"),
    path("language/", views.switch_language, name="switch_language"),
    path("feeds/rss/", public_page(*DOCUMENT_LISTS)(feeds.DocumentFeed()), name="feed_rss"),
    path("feeds/atom/", public_page(*DOCUMENT_LISTS)(feeds.DocumentAtomFeed()), name="feed_atom"),
    path(
        "feeds/department/<int:pk>/rss/",
        public_page(*DOCUMENT_LISTS)(feeds.DepartmentFeed()),
        name="department_feed_rss",
    ),
    path(
        "feeds/department/<int:pk>/atom/",
        public_page(*DOCUMENT_LISTS)(feeds.DepartmentAtomFeed()),
        name="department_feed_atom",
    ),
    path(
        "feeds/topic/<slug:slug>/rss/",
        public_page(*DOCUMENT_LISTS)(feeds.TopicFeed()),
        name="topic_feed_rss",
    ),
    path(
        "feeds/topic/<slug:slug>/atom/",
        public_page(*DOCUMENT_LISTS)(feeds.TopicAtomFeed()),
        name="topic_feed_atom",
    ),
    # An index of sections, each paged by its sitemap's limit: large libraries stay valid.
    path(
        "sitemap.xml",
        public_page(*DOCUMENT_LISTS, *INTERPRETATION_LISTS)(sitemaps.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(*DOCUMENT_LISTS, *INTERPRETATION_LISTS)(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    # Wagtail's site root page only holds the editorial pages; the portal's home is "/".
    path(
        "pages/",
        public_page()(RedirectView.as_view(pattern_name="portal:home", permanent=False)),
    ),
]
