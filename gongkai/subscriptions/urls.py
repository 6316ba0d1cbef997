from django.urls import path

from gongkai.subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.manage, name="manage"),
    path("<int:pk>/remove/", views.remove, name="remove"),
    path("feed/renew/", views.renew_feed, name="renew_feed"),
    path("feed/<str:key>/", views.feed, name="feed"),
    path("webhook/", views.webhook, name="webhook"),
    path("webhook/secret/", views.renew_secret, name="renew_secret"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
