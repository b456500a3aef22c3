from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from dondoc.tasks.models import Task


class SignInView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


@login_required
def home(request):
    tasks = Task.objects.visible_to(request.user).with_related().order_by("due_on", "id")[:50]
    return render(request, "web/home.html", {"tasks": tasks})
