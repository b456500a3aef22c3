"""Sign-in, sign-out and password change."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class SignInView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "web/password_change.html"
    success_url = reverse_lazy("web:password-change-done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "web/password_change_done.html"
