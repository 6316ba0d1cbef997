from django.urls import path

from gongkai.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.answer_list, name="list"),
    path("<int:pk>/", views.answer_detail, name="detail"),
]
