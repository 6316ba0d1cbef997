"""The 就业 and 放管服 columns of the 重点领域, mounted at /key-areas/."""

from django.urls import path

from gongkai.areas import views

app_name = "keyareas"

urlpatterns = [
    path("employment/", views.employment_list, name="employment"),
    path("employment/<int:pk>/", views.employment_detail, name="employment_record"),
    path("employment/export.<str:fmt>", views.employment_export, name="employment_export"),
    path("reform/", views.reform_list, name="reforms"),
    path("reform/<int:pk>/", views.reform_detail, name="reform"),
    path("reform/export.<str:fmt>", views.reforms_export, name="reforms_export"),
]
