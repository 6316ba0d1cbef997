from django.urls import path

from gongkai.enterprise import views

app_name = "enterprise"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("matches/", views.my_matches, name="matches"),
    path("matches.json", views.my_matches_json, name="matches_json"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("programmes/<int:pk>/", views.programme, name="programme"),
    path("programmes/<int:pk>.ics", views.programme_ics, name="programme_ics"),
    path("departments/<int:pk>.ics", views.department_ics, name="department_ics"),
    path("feeds/<str:token>.ics", views.enterprise_ics, name="enterprise_ics"),
    path("projects/", views.projects, name="projects"),
]
