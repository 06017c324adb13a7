from django.urls import path

from . import views

urlpatterns = [
    path("", views.plan_list, name="plans-list"),
    path("plans/new/", views.plan_create, name="plans-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plans-detail"),
    path("plans/<int:pk>/grid/", views.plan_grid, name="plans-grid"),
    path("plans/<int:pk>/timeline/", views.plan_timeline, name="plans-timeline"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plans-edit"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plans-approve"),
    path("plans/<int:pk>/reopen/", views.plan_reopen, name="plans-reopen"),
    path("plans/<int:pk>/archive/", views.plan_archive, name="plans-archive"),
    path("plans/<int:pk>/rollover/", views.plan_rollover, name="plans-rollover"),
    path(
        "plans/<int:pk>/rollover/review/", views.plan_rollover_review, name="plans-rollover-review"
    ),
    path(
        "plans/<int:pk>/rollover/occupied/",
        views.plan_rollover_occupied,
        name="plans-rollover-occupied",
    ),
    path(
        "plans/<int:pk>/rollover/missing/<int:target>/",
        views.plan_rollover_missing,
        name="plans-rollover-missing",
    ),
    path("plans/<int:pk>/history/", views.plan_history, name="plans-history"),
    path("plans/<int:pk>/bin/", views.plan_bin, name="plans-bin"),
    path("bin/<int:pk>/restore/", views.bin_restore, name="plans-bin-restore"),
    path("plans/<int:pk>/sections/new/", views.section_create, name="plans-section-create"),
    path("sections/<int:pk>/edit/", views.section_edit, name="plans-section-edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="plans-section-delete"),
    path("sections/<int:pk>/move/", views.section_move, name="plans-section-move"),
    path("plans/<int:pk>/activities/new/", views.activity_create, name="plans-activity-create"),
    path("activities/<int:pk>/", views.activity_detail, name="plans-activity-detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="plans-activity-edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="plans-activity-delete"),
    path("activities/<int:pk>/move/", views.activity_move, name="plans-activity-move"),
]
