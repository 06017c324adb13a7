from django.urls import path

from . import views

urlpatterns = [
    path("public/plans/<int:pk>/", views.public_plan, name="publishing-plan"),
    path(
        "public/organizations/<int:pk>/", views.public_organization, name="publishing-organization"
    ),
    path("plans/<int:pk>/publication/", views.plan_publication, name="publishing-plan-publication"),
]
