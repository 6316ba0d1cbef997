from django.urls import path

from gongkai.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.scoreboard, name="scoreboard"),
    path("spot-checks/", views.spot_check_list, name="spot_checks"),
    path("spot-checks/<int:pk>/", views.spot_check_detail, name="spot_check"),
    path("spot-checks/<int:pk>/spot-check.json", views.spot_check_json, name="spot_check_json"),
    path("spot-checks/<int:pk>/verify/", views.spot_check_verify, name="spot_check_verify"),
]
