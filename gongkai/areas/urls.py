from django.urls import path

from gongkai.areas import views

app_name = "areas"

urlpatterns = [
    path("", views.guide_list, name="guides"),
    path("<int:pk>/", views.guide_detail, name="guide"),
    path("export.<str:fmt>", views.guides_export, name="guides_export"),
    path("certificates/", views.certificate_list, name="certificates"),
    path("certificates/export.<str:fmt>", views.certificates_export, name="certificates_export"),
]
