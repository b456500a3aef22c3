from django.urls import path

from dondoc.reminders import views

app_name = "reminders"
urlpatterns = [
    path("", views.letter_list, name="letters"),
    path("soan-van-ban/", views.letter_wizard, name="letter-wizard"),
    path("van-ban/<int:pk>/<str:kind>/", views.letter_file, name="letter-file"),
]
