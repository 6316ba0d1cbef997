from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("files/", include(wagtaildocs_urls)),
    path("api/", include("gongkai.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("requests/", include("gongkai.disclosure.urls")),
    path("execution/", include("gongkai.execution.urls")),
    path("reports/", include("gongkai.reports.urls")),
    path("", include("gongkai.portal.urls")),
    path("pages/", include(wagtail_urls)),
]

if settings.SERVE_MEDIA:
    # The embedded deployment has no separate web server for uploaded files.
    urlpatterns.insert(
        0,
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    )
