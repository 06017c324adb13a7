from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="accounts-login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="accounts-logout"),
    path("profile/", views.profile, name="accounts-profile"),
    path("profile/password/", views.PasswordChangeView.as_view(), name="accounts-password-change"),
    path("organizations/", views.organization_list, name="accounts-organizations"),
    path("organizations/<int:pk>/", views.organization_detail, name="accounts-organization"),
    path("organizations/<int:pk>/units/new/", views.unit_create, name="accounts-unit-create"),
    path("units/<int:pk>/edit/", views.unit_edit, name="accounts-unit-edit"),
    path("organizations/<int:pk>/members/new/", views.member_create, name="accounts-member-create"),
    path("memberships/<int:pk>/edit/", views.membership_edit, name="accounts-membership-edit"),
    path(
        "memberships/<int:pk>/remove/", views.membership_remove, name="accounts-membership-remove"
    ),
    path(
        "memberships/<int:pk>/unlock/", views.membership_unlock, name="accounts-membership-unlock"
    ),
]
