from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:pk>/export/", views.plan_export, name="documents-plan-export"),
    path("exports/<int:pk>/", views.export_job, name="documents-export-job"),
    path("exports/<int:pk>/file/", views.export_job_file, name="documents-export-job-file"),
    path(
        "organizations/<int:pk>/documents/",
        views.organization_documents,
        name="documents-organization",
    ),
]
