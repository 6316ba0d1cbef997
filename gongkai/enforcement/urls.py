from django.urls import path

from gongkai.enforcement import views

app_name = "enforcement"

urlpatterns = [
    path("", views.decision_list, name="decisions"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision"),
    path("decisions/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("items/", views.item_departments, name="item_departments"),
    path("items/<int:department_id>/", views.items, name="items"),
    path("items/<int:department_id>/export.<str:fmt>", views.items_export, name="items_export"),
    path("inspections/", views.plan_list, name="plans"),
    path("inspections/<int:pk>/", views.plan_detail, name="plan"),
    path("inspections/<int:pk>/plan.json", views.plan_json, name="plan_json"),
    path("inspections/<int:pk>/verify/", views.plan_verify, name="plan_verify"),
]
