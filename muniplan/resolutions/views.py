from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from muniplan.accounts.access import get_member_object, visible_organizations

from .models import Resolution


def get_resolution_for_user(user, pk: int) -> Resolution:
    return get_member_object(Resolution.objects.all(), user, pk)


@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    resolutions = Resolution.objects.filter(
        organization__in=visible_organizations(request.user)
    ).select_related("organization")
    return render(request, "resolutions/resolution_list.html", {"resolutions": resolutions})


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = get_resolution_for_user(request.user, pk)
    addressees = resolution.addressees.prefetch_related("recommendations")
    return render(
        request,
        "resolutions/resolution_detail.html",
        {"resolution": resolution, "addressees": addressees},
    )
