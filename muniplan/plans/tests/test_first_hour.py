"""What a new user tripped over in the first hour, each fixed and held here."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from muniplan.accounts.models import Profile
from muniplan.plans import services
from muniplan.plans.rollover import plan_rollover
from muniplan.plans.services import ActivityInput

pytestmark = pytest.mark.django_db


def test_the_new_plan_form_speaks_russian_and_offers_no_empty_choice_for_one_organization(
    client, admin_user
):
    client.force_login(admin_user)
    page = client.get(reverse("plans-create")).content.decode()
    assert '<label for="id_organization">Организация:</label>' in page
    assert "Organization" not in page and "---------" not in page


def test_approved_is_said_once_after_approval(client, admin_user, plan):
    services.plan_approve(
        plan=plan,
        by=admin_user,
        decision="решение Президиума от 15.12.2025 № 12",
        approved_on=dt.date(2025, 12, 15),
    )
    client.force_login(admin_user)
    page = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert page.count("Утверждён") == 1
    assert "решением Президиума от 15.12.2025 № 12<" in page  # the date once, as decided


def test_history_and_reopenings_name_people_with_their_position(
    client, admin_user, viewer_user, plan
):
    Profile.objects.create(
        user=admin_user, full_name="Соколова Елена Николаевна", position="исполнительный директор"
    )
    client.force_login(viewer_user)
    page = client.get(reverse("plans-history", args=[plan.pk])).content.decode()
    assert "Соколова Елена Николаевна" in page and "исполнительный директор" in page
    assert admin_user.username not in page


def test_shaded_rows_are_explained_and_name_the_field_to_check(client, admin_user, plan):
    section = plan.sections.first()
    unsure = services.activity_create(
        section=section,
        by=admin_user,
        data=ActivityInput(
            number="2",
            title="Семинар",
            period_text="в течение года по отдельному графику",
            needs_review=["responsible"],
        ),
    )
    client.force_login(admin_user)
    page = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert (
        "Строки, выделенные жёлтым, — мероприятия, в прочтении которых программа не уверена" in page
    )
    row = page.split(f'id="a{unsure.pk}"')[1].split("</tr>")[0]
    assert "needs-review" in row
    assert "Проверить:" in row and "Ответственный" in row
    detail = client.get(reverse("plans-activity-detail", args=[unsure.pk])).content.decode()
    assert (
        'id="review-notice"' in detail
        and "Ответственный" in detail.split('id="review-notice"')[1][:300]
    )


def test_a_plan_without_doubts_shows_no_legend(client, admin_user, plan):
    client.force_login(admin_user)
    assert (
        'id="review-legend"'
        not in client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    )


def test_search_marks_what_matched_in_any_case_and_with_yo(client, viewer_user, plan):
    client.force_login(viewer_user)
    page = client.get(reverse("plans-detail", args=[plan.pk]), {"q": "ФОРУМА"}).content.decode()
    assert "<mark>форума</mark>" in page
    page = client.get(
        reverse("plans-detail", args=[plan.pk]), {"q": "ежегодного   доклада"}
    ).content.decode()
    assert "<mark>ежегодного</mark> <mark>доклада</mark>" in page
    page = client.get(reverse("plans-detail", args=[plan.pk]), {"q": "доклады"}).content.decode()
    assert "<mark>доклада</mark>" in page  # another form of the word finds and marks it
    assert "<mark>" not in client.get(reverse("plans-detail", args=[plan.pk])).content.decode()


def test_search_marks_escape_the_text(client, admin_user, plan):
    services.activity_create(
        section=plan.sections.first(),
        by=admin_user,
        data=ActivityInput(number="5", title="Конкурс <b>«Лучший ТОС»</b>"),
    )
    client.force_login(admin_user)
    page = client.get(reverse("plans-detail", args=[plan.pk]), {"q": "лучший"}).content.decode()
    assert "&lt;b&gt;«<mark>Лучший</mark> ТОС»&lt;/b&gt;" in page


def test_the_plan_list_shows_status_and_source_sorted_by_year_within_an_organization(
    client, admin_user, plan
):
    copy = plan_rollover(plan=plan, by=admin_user)
    services.plan_create(
        organization=plan.organization, year=2025, title="План на 2025 год", by=admin_user
    )
    client.force_login(admin_user)
    response = client.get(reverse("plans-list"))
    assert [p.year for p in response.context["plans"]] == [2027, 2026, 2025]
    page = response.content.decode()
    assert "копия плана на 2026 год" in page and "создан вручную" in page
    assert page.count('class="badge draft"') == 3
    assert copy.source_plan == plan
