from django.urls import path

from gongkai.reports import views

app_name = "reports"

urlpatterns = [
    path("annual/", views.annual_list, name="annual_list"),
    path("annual/<int:year>/", views.annual_detail, name="annual_detail"),
    path(
        "annual/<int:year>/report.docx",
        views.annual_download,
        {"fmt": "docx"},
        name="annual_docx",
    ),
    path(
        "annual/<int:year>/report.xlsx",
        views.annual_download,
        {"fmt": "xlsx"},
        name="annual_xlsx",
    ),
    path(
        "annual/<int:year>/departments/<slug:department>/",
        views.annual_detail,
        name="annual_department",
    ),
    path(
        "annual/<int:year>/departments/<slug:department>/report.docx",
        views.annual_download,
        {"fmt": "docx"},
        name="annual_department_docx",
    ),
    path(
        "annual/<int:year>/departments/<slug:department>/report.xlsx",
        views.annual_download,
        {"fmt": "xlsx"},
        name="annual_department_xlsx",
    ),
]
