from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.core.views import media_public

urlpatterns = [
    # Uploads are served by their owner's rules (gongkai.core.media), never as a folder.
    path("media/<path:name>", media_public, name="media"),
    path("admin/", include(wagtailadmin_urls)),
    path("files/", include(wagtaildocs_urls)),
    path("api/", include("gongkai.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("gongkai.accounts.urls")),
    path("requests/", include("gongkai.disclosure.urls")),
    path("execution/", include("gongkai.execution.urls")),
    path("consultations/", include("gongkai.consultations.urls")),
    path("interaction/answers/", include("gongkai.knowledge.urls")),
    path("interaction/", include("gongkai.interaction.urls")),
    path("concerns/", include("gongkai.concerns.urls")),
    path("enterprise/", include("gongkai.enterprise.urls")),
    path("subscriptions/", include("gongkai.subscriptions.urls")),
    path("audio/", include("gongkai.audio.urls")),
    path("enforcement/", include("gongkai.enforcement.urls")),
    path("reports/", include("gongkai.reports.urls")),
    path("assessment/", include("gongkai.assessment.urls")),
    path("services/", include("gongkai.areas.urls")),
    path("finance/", include("gongkai.areas.finance_urls")),
    path("key-areas/", include("gongkai.areas.keyarea_urls")),
    path("", include("gongkai.portal.urls")),
    path("pages/", include(wagtail_urls)),
]
