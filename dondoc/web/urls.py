from django.contrib.auth import views as auth_views
from django.urls import path

from dondoc.web.views import actions, auth, dashboard, directory, notifications, tasks

app_name = "web"
urlpatterns = [
    path("dang-nhap/", auth.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("doi-mat-khau/xong/", auth.PasswordChangeDoneView.as_view(), name="password-change-done"),
    path("", dashboard.dashboard, name="home"),
    path("nhiem-vu/", tasks.task_list, name="task-list"),
    path("nhiem-vu/giao-moi/", tasks.task_create, name="task-create"),
    path("nhiem-vu/<int:pk>/", tasks.task_detail, name="task-detail"),
    path("nhiem-vu/<int:pk>/van-ban/<int:file_pk>/", tasks.document_file_download, name="document-file"),
    path("nhiem-vu/<int:pk>/<slug:name>/", actions.task_action, name="task-action"),
    path("tep/<int:pk>/", tasks.attachment_download, name="attachment"),
    path("thong-bao/", notifications.notification_list, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", notifications.notification_read, name="notification-read"),
    path("thong-bao/<int:pk>/mo/", notifications.notification_open, name="notification-open"),
    path("thong-bao/da-doc-tat-ca/", notifications.notification_read_all, name="notifications-read-all"),
    path("to-chuc/", directory.directory, name="directory"),
    path("don-vi/tim/", directory.unit_search, name="unit-search"),
    path("don-vi/<int:pk>/chon/", directory.unit_choice, name="unit-choice"),
]
