from django.urls import path

from . import views

urlpatterns = [
    path("plans/<int:pk>/export/", views.plan_export, name="documents-plan-export"),
    path("organizations/<int:pk>/documents/", views.organization_documents, name="documents-organization"),
]
