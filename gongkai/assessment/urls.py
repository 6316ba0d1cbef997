from django.urls import path

from gongkai.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.scoreboard, name="scoreboard"),
]
