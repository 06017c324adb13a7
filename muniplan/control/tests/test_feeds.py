"""Calendar feeds: a secret address per person or unit, read with the icalendar library."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from muniplan.accounts.models import Membership
from muniplan.control.models import CalendarFeed
from muniplan.control.services import item_create
from muniplan.plans.tests.factories import tyumen_plan

pytestmark = pytest.mark.django_db
SUMMER = dt.datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Moscow"))


@pytest.fixture
def plan(tyumen, apparatus, analytics, admin_user):
    plan = tyumen_plan(organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user)
    item_create(
        organization=tyumen,
        text="Подготовить справку о ТОС",
        deadline=dt.date(2026, 8, 15),
        controller=admin_user,
        by=admin_user,
        executor_unit=analytics,
    )
    return plan


def _feed(client, user, unit=None) -> CalendarFeed:
    client.force_login(user)
    assert (
        client.post(
            reverse("control-feed-regenerate"), {"unit": unit.pk if unit else ""}
        ).status_code
        == 302
    )
    return CalendarFeed.objects.get(user=user, unit=unit)


def _events(client, token: str) -> dict[str, dt.date]:
    """Summary → date of every event of the feed, read back with icalendar."""
    client.logout()  # a calendar program has no session
    with time_machine.travel(SUMMER, tick=False):
        response = client.get(reverse("control-feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}


def test_an_editors_personal_feed_holds_their_units_dates(client, plan, editor_user):
    feed = _feed(client, editor_user)
    events = _events(client, feed.token)
    assert events == {
        "Срок: 11 Подготовка ежегодного доклада «О состоянии местного самоуправления в Тюменской области» (июнь–сентябрь)": dt.date(
            2026, 9, 30
        ),
        "Срок: 11.1 Рассылка модельной формы доклада (апрель–сентябрь)": dt.date(2026, 9, 30),
        "Срок: Подготовить справку о ТОС": dt.date(2026, 8, 15),
    }


def test_a_unit_feed_holds_that_units_dates_only(client, plan, viewer_user, apparatus):
    feed = _feed(client, viewer_user, apparatus)
    events = _events(client, feed.token)
    title = "Срок: 1 Участие представителей Тюменской области в региональных днях форума «Малая Родина – сила России»"
    assert events == {
        f"{title} (январь–апрель)": dt.date(2026, 4, 30),
        f"{title} (сентябрь–декабрь)": dt.date(2026, 12, 31),
    }


def test_a_wrong_token_a_regenerated_and_a_revoked_one_get_404(client, plan, editor_user):
    feed = _feed(client, editor_user)
    assert client.get(reverse("control-feed", args=["nonsense-token"])).status_code == 404
    old = feed.token
    new = _feed(client, editor_user)
    assert new.token != old
    assert client.get(reverse("control-feed", args=[old])).status_code == 404
    assert _events(client, new.token)
    client.force_login(editor_user)
    client.post(reverse("control-feed-revoke"), {"unit": ""})
    assert client.get(reverse("control-feed", args=[new.token])).status_code == 404


def test_a_unit_feed_dies_with_the_membership_and_strangers_cannot_make_one(
    client, plan, editor_user, stranger, analytics
):
    feed = _feed(client, editor_user, analytics)
    Membership.objects.filter(user=editor_user).delete()
    assert client.get(reverse("control-feed", args=[feed.token])).status_code == 404
    client.force_login(stranger)
    assert (
        client.post(reverse("control-feed-regenerate"), {"unit": analytics.pk}).status_code == 404
    )
    assert not CalendarFeed.objects.filter(user=stranger).exists()


def test_my_dates_page_lists_the_digest_and_the_feed_addresses(client, plan, editor_user):
    feed = _feed(client, editor_user)
    with time_machine.travel(
        dt.datetime(2026, 9, 20, 9, 0, tzinfo=ZoneInfo("Europe/Moscow")), tick=False
    ):
        html = client.get(reverse("control-me")).content.decode()
    assert (
        "Срок в ближайшие 14 дней (2)" in html and "11.1 Рассылка модельной формы доклада" in html
    )
    assert "Просрочено (1)" in html and "Подготовить справку о ТОС" in html
    assert reverse("control-feed", args=[feed.token]) in html


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis(client, tyumen, analytics, editor_user):
    text = "Подготовить " + "обстоятельную справку о деятельности ТОС " * 8
    item_create(
        organization=tyumen,
        text=text,
        deadline=dt.date(2026, 8, 15),
        controller=editor_user,
        by=editor_user,
        executor_unit=analytics,
    )
    (summary,) = _events(client, _feed(client, editor_user).token)
    assert summary.endswith("…") and len(summary) <= len("Срок: ") + 200
    assert (
        f"Срок: {text}".startswith(summary[:-1]) and text[len(summary) - len("Срок: ") - 1] == " "
    )
