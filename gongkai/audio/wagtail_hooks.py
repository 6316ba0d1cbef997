"""The back office's 每日一听 menu: each interpretation's audio state, and for one its reading,
a recording to upload in its place, and "read it again"."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from gongkai.audio import admin_views
from gongkai.core.menu import PermissionMenuItem

admin_urls = [
    path("", admin_views.readings, name="readings"),
    path("<int:pk>/", admin_views.reading, name="reading"),
    path("<int:pk>/upload/", admin_views.upload, name="upload"),
    path("<int:pk>/read-again/", admin_views.read_again, name="read_again"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("audio/", include((admin_urls, "audio_admin")))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem(
        _("每日一听"),
        reverse("audio_admin:readings"),
        icon_name="media",
        order=105,
        permission="documents.view_interpretation",
    )
