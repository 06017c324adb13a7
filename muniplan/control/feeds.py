"""Calendar feeds (iCalendar) of a person's or a unit's dates: activities due and items under control.

A feed holds every expected occurrence of the activities of this year's and next year's plans (the
end of each period is its date) and the deadline of every open item, past ones included.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import Http404

from muniplan.accounts.access import memberships
from muniplan.accounts.models import Unit
from muniplan.audit.services import audit_record
from muniplan.documents.renderers.calendar import CalendarEvent, write_calendar

from .models import CalendarFeed, new_feed_token
from .reminders import Line, calendar_lines, person_scopes, unit_scope

FEED_DAYS = 366


def feed_units(user) -> list[Unit]:
    """Units whose feed a person may follow: every unit of the organizations they are a member of."""
    return [unit for m in memberships(user).values() for unit in m.organization.units.all()]


def feed_lines(feed: CalendarFeed, today: dt.date) -> list[Line]:
    """The feed's dates, or 404 when its owner no longer belongs where it points."""
    user = feed.user
    if not user.is_active:
        raise Http404
    if feed.unit_id is None:
        return calendar_lines(person_scopes(user), as_of=today, controller=user)
    if feed.unit.organization_id not in memberships(user):
        raise Http404
    return calendar_lines([unit_scope(feed.unit)], as_of=today)


TITLE_CHARS = 200


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """`text` if it fits in `limit` characters, else cut after its last whole word, with «…»."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


def feed_calendar(lines: list[Line], name: str) -> bytes:
    site = settings.MUNIPLAN_SITE_URL.rstrip("/")
    events = [
        CalendarEvent(
            uid=f"{line.kind}-{line.pk}-{line.key}@muniplan",
            summary=f"Срок: {shorten(line.title)}",
            start=line.due,
            end=line.due + dt.timedelta(days=1),
            url=f"{site}{line.path}",
            # a title cut in the summary is given whole in the description
            description="\n".join(
                filter(
                    None,
                    [
                        line.title if len(line.title) > TITLE_CHARS else "",
                        line.organization,
                        line.detail,
                    ],
                )
            ),
        )
        for line in lines
    ]
    return write_calendar(
        name=name, prodid="-//MuniPlan//Сроки//RU", events=events, stamp=dt.datetime.now(dt.UTC)
    )


@transaction.atomic
def feed_regenerate(*, user, unit: Unit | None = None) -> CalendarFeed:
    """A new secret address for the feed; the old one stops working at once."""
    if unit is not None and unit not in feed_units(user):
        raise Http404
    feed, created = CalendarFeed.objects.get_or_create(user=user, unit=unit)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    audit_record(
        action="control.feed.regenerated",
        obj=feed,
        by=user,
        organization=unit.organization if unit else None,
        summary=str(unit or "личный календарь"),
    )
    return feed


@transaction.atomic
def feed_revoke(*, user, unit: Unit | None = None) -> None:
    for feed in CalendarFeed.objects.filter(user=user, unit=unit):
        audit_record(
            action="control.feed.revoked",
            obj=feed,
            by=user,
            organization=unit.organization if unit else None,
            summary=str(unit or "личный календарь"),
        )
        feed.delete()
