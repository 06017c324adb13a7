"""Login protection with django-axes: who is locked out, what they are told, where they come from."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check before the password check. Every login through a page carries its request;
    one without (the test client's `login`, a script) has no address to count and is let through to
    the password check instead of failing."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_message() -> str:
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return (
        f"Слишком много неудачных попыток входа: вход заблокирован на {minutes} мин. "
        "Снять блокировку раньше может администратор вашей организации."
    )


def locked_out_page(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page again, with the lockout explained in Russian (429: too many requests)."""
    form = AuthenticationForm(
        request, initial={"username": (credentials or {}).get("username", "")}
    )
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": lockout_message(), "next": request.POST.get("next", "")},
        status=429,
    )


def client_address(request: HttpRequest) -> str | None:
    """The address a lockout counts: behind our proxy, the one it appended last to X-Forwarded-For
    (earlier entries come from the client and can be forged); directly, the socket's. A proxy on this
    machine (nginx before app servers on loopback) is trusted without MUNIPLAN_BEHIND_PROXY, or every
    visitor would share its address and one person's typos would lock everyone out."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    peer = request.META.get("REMOTE_ADDR")
    if forwarded and (settings.BEHIND_PROXY or _is_loopback(peer)):
        return forwarded.split(",")[-1].strip()
    return peer


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address(address or "").is_loopback
    except ValueError:
        return False


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Which of these logins are locked out now: their failures, from any address, reached the limit
    within the cool-off (axes counts them the same way)."""
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    attempts = AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since)
    totals = attempts.values("username").annotate(failures=Sum("failures_since_start"))
    return {row["username"] for row in totals if row["failures"] >= settings.AXES_FAILURE_LIMIT}
