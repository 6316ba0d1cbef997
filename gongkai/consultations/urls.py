from django.urls import path

from gongkai.consultations import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("awaiting-report/", views.awaiting_report, name="awaiting"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("comments/<int:pk>/report/", views.report_comment, name="report_comment"),
]
