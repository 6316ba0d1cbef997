from django.urls import path

from gongkai.interaction import views

app_name = "interaction"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("write/", views.write, name="write"),
    path("suggest/", views.suggest, name="suggest"),
    path("mine/<int:pk>/", views.mine, name="mine"),
]
