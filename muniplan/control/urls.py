from django.urls import path

from . import views

urlpatterns = [
    path("", views.item_list, name="control-list"),
    path("resolutions/<int:pk>/", views.resolution_follow_up, name="control-follow-up"),
    path("resolutions/<int:pk>/control/", views.resolution_control, name="control-resolution"),
    path(
        "recommendations/<int:pk>/control/",
        views.recommendation_control,
        name="control-recommendation",
    ),
    path("addressees/<int:pk>/to-plan/", views.addressee_to_plan, name="control-addressee-to-plan"),
    path("items/<int:pk>/", views.item_detail, name="control-item"),
    path("items/<int:pk>/edit/", views.item_edit, name="control-item-edit"),
    path("items/<int:pk>/notes/", views.note_add, name="control-note-add"),
    path(
        "items/<int:pk>/close/", views.item_decide, {"action": "close"}, name="control-item-close"
    ),
    path(
        "items/<int:pk>/return/",
        views.item_decide,
        {"action": "return"},
        name="control-item-return",
    ),
    path(
        "items/<int:pk>/extend/",
        views.item_decide,
        {"action": "extend"},
        name="control-item-extend",
    ),
    path(
        "items/<int:pk>/extension-requests/",
        views.extension_request,
        name="control-extension-request",
    ),
    path(
        "extension-requests/<int:pk>/decide/",
        views.extension_decide,
        name="control-extension-decide",
    ),
    path("evidence/<int:pk>/", views.evidence_download, name="control-evidence"),
    path("me/", views.me, name="control-me"),
    path("me/calendar/new/", views.feed_regenerate, name="control-feed-regenerate"),
    path("me/calendar/revoke/", views.feed_revoke, name="control-feed-revoke"),
    path("calendar/<str:token>.ics", views.feed, name="control-feed"),
]
