from django.contrib.auth import views as auth_views
from django.urls import path

from dondoc.web import views

app_name = "web"
urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
]
