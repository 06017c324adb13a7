from django.urls import path

from . import views

urlpatterns = [
    path("activities/<int:pk>/reports/new/", views.report_create, name="execution-report-create"),
    path("activities/<int:pk>/status/", views.status_override, name="execution-status-override"),
    path("reports/<int:pk>/", views.report_detail, name="execution-report-detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="execution-report-edit"),
    path("reports/<int:pk>/delete/", views.report_delete, name="execution-report-delete"),
    path("attachments/<int:pk>/", views.attachment_download, name="execution-attachment"),
    path(
        "attachments/<int:pk>/delete/", views.attachment_delete, name="execution-attachment-delete"
    ),
    path("dashboard/", views.dashboard, name="execution-dashboard"),
    path("dashboard/federal/", views.federal, name="execution-federal"),
]
