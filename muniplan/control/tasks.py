"""Background work of the control app, through Django's Tasks API (see settings.TASKS)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from muniplan.accounts.templatetags.people import person

from .reminders import HORIZON_DAYS, digest_for


@task()
def send_digest(user_id: int, as_of: str) -> bool:
    """E-mail one person what their units have due soon and what is overdue; False when there is nothing."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    digest = digest_for(user, as_of=dt.date.fromisoformat(as_of))
    if not digest:
        return False
    name = person(user)
    context = {
        "user": user,
        # people are greeted by their name as everywhere else (a login is no name to greet)
        "name": "" if name == user.get_username() else name,
        "digest": digest,
        "site": settings.MUNIPLAN_SITE_URL.rstrip("/"),
        "days": HORIZON_DAYS,
    }
    subject = (
        f"MuniPlan: просрочено {len(digest.overdue)}, срок в ближайшие {HORIZON_DAYS} дней — {len(digest.due)}"
        f" ({digest.as_of:%d.%m.%Y})"
    )
    send_mail(
        subject,
        render_to_string("control/digest.txt", context),
        None,
        [user.email],
        html_message=render_to_string("control/digest.html", context),
    )
    return True
