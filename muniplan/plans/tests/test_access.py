"""Who may read and change a plan, through every URL a person could guess."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muniplan.plans import services
from muniplan.plans.models import Activity

pytestmark = pytest.mark.django_db

PLAN_PAGES = [
    "plans-detail",
    "plans-grid",
    "plans-timeline",
    "plans-history",
    "plans-rollover-review",
]


def _activity_form(activity: Activity, **changes) -> dict:
    data = {
        "number": activity.number,
        "title": activity.title,
        "description": activity.description,
        "period_text": activity.period_text,
        "participants": "",
        "partners": "",
        "responsible_units": [u.pk for u in activity.responsible_units.all()],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("page", PLAN_PAGES)
def test_a_user_of_another_organization_cannot_open_any_page_of_the_plan(
    client, stranger, plan, page
):
    client.force_login(stranger)
    assert client.get(reverse(page, args=[plan.pk])).status_code == 404


def test_a_user_of_another_organization_cannot_change_delete_approve_or_roll_over(
    client, stranger, plan, apparatus_activity
):
    client.force_login(stranger)
    pk = apparatus_activity.pk
    assert client.get(reverse("plans-activity-detail", args=[pk])).status_code == 404
    assert (
        client.post(
            reverse("plans-activity-edit", args=[pk]),
            _activity_form(apparatus_activity, title="Взлом"),
        ).status_code
        == 404
    )
    assert client.post(reverse("plans-activity-delete", args=[pk])).status_code == 404
    assert (
        client.post(
            reverse("plans-approve", args=[plan.pk]), {"decision": "x", "approved_on": "2026-01-01"}
        ).status_code
        == 404
    )
    assert client.post(reverse("plans-rollover", args=[plan.pk])).status_code == 404
    assert (
        client.post(reverse("plans-activity-create", args=[plan.pk]), {"title": "x"}).status_code
        == 404
    )
    apparatus_activity.refresh_from_db()
    plan.refresh_from_db()
    assert apparatus_activity.title.startswith("Участие представителей")
    assert plan.status == "draft"
    assert plan.rollovers.count() == 0


def test_the_plan_list_shows_only_the_users_own_organizations(client, stranger, admin_user, plan):
    client.force_login(stranger)
    assert plan.title not in client.get(reverse("plans-list")).content.decode()
    client.force_login(admin_user)
    assert "Тюменской области" in client.get(reverse("plans-list")).content.decode()


def test_a_federal_administrator_sees_every_organizations_plan(client, federal_admin, plan):
    client.force_login(federal_admin)
    assert client.get(reverse("plans-detail", args=[plan.pk])).status_code == 200
    assert "Тюменской области" in client.get(reverse("plans-list")).content.decode()


def test_a_viewer_reads_the_plan_but_cannot_change_it(
    client, viewer_user, plan, apparatus_activity
):
    client.force_login(viewer_user)
    assert client.get(reverse("plans-detail", args=[plan.pk])).status_code == 200
    response = client.post(
        reverse("plans-activity-edit", args=[apparatus_activity.pk]),
        _activity_form(apparatus_activity, title="Изменено наблюдателем"),
    )
    assert response.status_code == 403
    assert (
        client.post(reverse("plans-activity-delete", args=[apparatus_activity.pk])).status_code
        == 403
    )
    assert (
        client.post(
            reverse("plans-approve", args=[plan.pk]), {"decision": "x", "approved_on": "2026-01-01"}
        ).status_code
        == 403
    )
    assert Activity.objects.filter(pk=apparatus_activity.pk, title__startswith="Участие").exists()


def test_editor_changes_an_activity_of_their_own_unit(client, editor_user, analytics_activity):
    client.force_login(editor_user)
    response = client.post(
        reverse("plans-activity-edit", args=[analytics_activity.pk]),
        _activity_form(analytics_activity, title="Доклад о состоянии МСУ"),
    )
    assert response.status_code == 302
    analytics_activity.refresh_from_db()
    assert analytics_activity.title == "Доклад о состоянии МСУ"


def test_editor_cannot_change_another_units_activity(client, editor_user, apparatus_activity):
    client.force_login(editor_user)
    response = client.post(
        reverse("plans-activity-edit", args=[apparatus_activity.pk]),
        _activity_form(apparatus_activity, title="Чужое"),
    )
    assert response.status_code == 403
    assert (
        client.post(reverse("plans-activity-delete", args=[apparatus_activity.pk])).status_code
        == 403
    )
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.title != "Чужое"


def test_editor_may_add_activities_only_for_their_own_units(
    client, editor_user, plan, apparatus, analytics
):
    client.force_login(editor_user)
    section = plan.sections.first()
    url = reverse("plans-activity-create", args=[plan.pk])
    refused = client.post(
        url, {"section": section.pk, "title": "Чужое", "responsible_units": [apparatus.pk]}
    )
    assert refused.status_code == 200  # the form comes back with an error
    assert not plan.activities.filter(title="Чужое").exists()
    client.post(
        url,
        {
            "section": section.pk,
            "title": "Своё",
            "period_text": "май",
            "responsible_units": [analytics.pk],
        },
    )
    assert plan.activities.get(title="Своё").months == [5]


def test_editor_cannot_approve_or_roll_over(client, editor_user, plan):
    client.force_login(editor_user)
    assert (
        client.post(
            reverse("plans-approve", args=[plan.pk]), {"decision": "x", "approved_on": "2026-01-01"}
        ).status_code
        == 403
    )
    assert client.post(reverse("plans-rollover", args=[plan.pk])).status_code == 403


def test_an_approved_plan_is_read_only_even_for_its_administrator(
    client, admin_user, plan, apparatus_activity
):
    services.plan_approve(
        plan=plan,
        by=admin_user,
        decision="решение Президиума от 15.12.2025 № 12",
        approved_on=plan.created.date(),
    )
    client.force_login(admin_user)
    response = client.post(
        reverse("plans-activity-edit", args=[apparatus_activity.pk]),
        _activity_form(apparatus_activity, title="После утверждения"),
    )
    assert response.status_code == 403
    assert (
        client.post(reverse("plans-activity-delete", args=[apparatus_activity.pk])).status_code
        == 403
    )
    assert client.get(reverse("plans-activity-create", args=[plan.pk])).status_code == 403
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.title != "После утверждения"


def test_only_an_administrator_reopens_an_approved_plan_and_the_reopening_is_recorded(
    client, admin_user, viewer_user, plan
):
    services.plan_approve(
        plan=plan, by=admin_user, decision="решение Президиума № 1", approved_on=plan.created.date()
    )
    client.force_login(viewer_user)
    assert (
        client.post(reverse("plans-reopen", args=[plan.pk]), {"reason": "хочу"}).status_code == 403
    )
    client.force_login(admin_user)
    client.post(
        reverse("plans-reopen", args=[plan.pk]),
        {"reason": "Поручение Президиума добавить мероприятие"},
    )
    plan.refresh_from_db()
    assert plan.status == "draft"
    reopening = plan.reopenings.get()
    assert reopening.reason == "Поручение Президиума добавить мероприятие"
    assert reopening.by == admin_user
    assert reopening.previous_decision == "решение Президиума № 1"


def test_anonymous_visitors_are_sent_to_sign_in(client, plan):
    response = client.get(reverse("plans-detail", args=[plan.pk]))
    assert response.status_code == 302
    assert reverse("accounts-login") in response["Location"]
