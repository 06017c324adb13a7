from django.urls import path

from . import views

urlpatterns = [
    path(
        "reports/plans/<int:pk>/execution.<str:fmt>",
        views.plan_report_document,
        name="reports-plan",
    ),
    path(
        "reports/resolutions/<int:pk>/follow-up.<str:fmt>",
        views.follow_up_document,
        name="reports-follow-up",
    ),
]
