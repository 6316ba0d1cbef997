from django.urls import path

from gongkai.audio import feeds, views
from gongkai.audio.models import DailyDigest
from gongkai.core.pagecache import list_tag, public_page

app_name = "audio"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("<int:year>/<int:month>/<int:day>/", views.day, name="day"),
    path(
        "podcast.rss",
        public_page(list_tag(DailyDigest))(feeds.PodcastFeed()),
        name="podcast",
    ),
]
