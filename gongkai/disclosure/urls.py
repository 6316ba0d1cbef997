from django.urls import path

from gongkai.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("track/", views.lookup, name="lookup"),
    path("track/<str:token>/", views.track, name="track"),
    path("track/<str:token>/correct/", views.correct, name="correct"),
    path("track/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("track/<str:token>/letter.<str:fmt>", views.letter, name="letter"),
    path("mine/", views.mine, name="mine"),
    path("mine/<str:tracking_number>/", views.mine_detail, name="mine_detail"),
    path("mine/<str:tracking_number>/letter.<str:fmt>", views.mine_letter, name="mine_letter"),
]
