from django.contrib.auth.decorators import login_required
from django.urls import path

from gongkai.disclosure import views

app_name = "disclosure"


def _request_pages(prefix: str, name: str, via: str, wrap=lambda view: view) -> list:
    """The request page and its actions under ``prefix``, reached ``via`` (see views)."""
    extra = {"via": via}
    return [
        path(f"{prefix}/<str:token>/", wrap(views.track), extra, name=name),
        path(f"{prefix}/<str:token>/receipt/", wrap(views.receipt), extra, name=f"{name}_receipt"),
        path(f"{prefix}/<str:token>/correct/", wrap(views.correct), extra, name=f"{name}_correct"),
        path(
            f"{prefix}/<str:token>/withdraw/", wrap(views.withdraw), extra, name=f"{name}_withdraw"
        ),
        path(
            f"{prefix}/<str:token>/letter.<str:fmt>",
            wrap(views.letter),
            extra,
            name=f"{name}_letter",
        ),
    ]


urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("track/", views.lookup, name="lookup"),
    *_request_pages("track", "track", "token"),
    *_request_pages("found", "found", "found"),
    path("mine/", views.mine, name="mine"),
    *_request_pages("mine", "mine_detail", "mine", login_required),
]
