from django.urls import path

from gongkai.accounts import views

app_name = "accounts"

urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/sent/", views.register_sent, name="register_sent"),
    path("register/resend/", views.resend, name="resend"),
    path("verify/<str:reference>/<str:token>/", views.verify, name="verify"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", views.mine, name="mine"),
    path("profile/", views.profile, name="profile"),
    path("profile/mobile/code/", views.mobile_code, name="mobile_code"),
    path("profile/mobile/verify/", views.mobile_verify, name="mobile_verify"),
    path("delete/", views.delete, name="delete"),
    path("privacy/", views.privacy, name="privacy"),
]
