"""财政预决算 and 政府债务, mounted at /finance/."""

from django.urls import path

from gongkai.areas import views

app_name = "finance"

urlpatterns = [
    path("budgets/", views.budget_list, name="budgets"),
    path("budgets/<int:pk>/", views.budget_detail, name="budget"),
    path("budgets/export.<str:fmt>", views.budgets_export, name="budgets_export"),
    path("debts/", views.debt_list, name="debts"),
    path("debts/export.<str:fmt>", views.debts_export, name="debts_export"),
]
