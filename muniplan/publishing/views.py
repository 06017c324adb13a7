"""The public page of a published plan (no sign-in) and the administrator's publish switch."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from muniplan.accounts.models import Organization
from muniplan.plans.access import get_admin_plan_for_user
from muniplan.plans.selectors import plan_rows

from . import services
from .selectors import public_plans


def public_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(public_plans(), pk=pk)
    rows = plan_rows(plan)
    activities = [a for r in rows for a in r.activities]
    return render(
        request,
        "publishing/public_plan.html",
        {
            "plan": plan,
            "rows": rows,
            "activity_count": len(activities),
            # a plan that names no one responsible (the Tula grid) gets no empty column
            "has_responsible": any(
                a.responsible_text or a.responsible_units.all() for a in activities
            ),
        },
    )


def public_organization(request: HttpRequest, pk: int) -> HttpResponse:
    # The page exists once the organization has marked a plan public, and stays while that plan
    # is reopened for changes: the council's website links here, and the link must not break.
    organization = get_object_or_404(
        Organization.objects.filter(plans__publication__isnull=False).distinct(), pk=pk
    )
    plans = list(public_plans().filter(organization_id=pk).order_by("-year", "id"))
    return render(
        request,
        "publishing/public_organization.html",
        {"organization": organization, "plans": plans},
    )


@login_required
@require_POST
def plan_publication(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_admin_plan_for_user(request.user, pk)
    if request.POST.get("public") == "1":
        try:
            services.plan_publish(plan=plan, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            link = request.build_absolute_uri(reverse("publishing-plan", args=[plan.pk]))
            messages.success(request, f"План опубликован. Ссылка для сайта: {link}")
    else:
        services.plan_unpublish(plan=plan, by=request.user)
        messages.success(request, "План снят с публичной страницы.")
    return redirect("plans-detail", pk=plan.pk)
