"""A section deleted with its activities goes to the bin as one entry and comes back whole, in its place."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.lib.locking import StaleVersion
from muniplan.plans import bin, services
from muniplan.plans.models import Activity, BinEntry, Participation, Plan, Section
from muniplan.plans.services import ActivityInput

from .test_bin import _state

pytestmark = pytest.mark.django_db

ANALYTIC = "АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"


@pytest.fixture
def section(plan, editor_user, analytics):
    """The analytical section: activity 11 and its sub-activity 11.1, which has participants and a history."""
    child = plan.activities.get(number="11.1")
    services.activity_update(
        activity=child,
        by=editor_user,
        expected_version=child.version,
        data=ActivityInput(
            number="11.1",
            title="Рассылка модельной формы доклада",
            period_text="2-3 квартал",
            responsible_units=[analytics],
            participants=[(25, "главы поселений")],
        ),
    )
    return plan.sections.get(title=ANALYTIC)


def _counts(plan) -> tuple[int, int, int, int]:
    return (
        plan.sections.count(),
        plan.activities.count(),
        Participation.objects.filter(activity__plan=plan).count(),
        Activity.responsible_units.through.objects.filter(activity__plan=plan).count(),
    )


def test_a_section_with_activities_goes_to_the_bin_as_one_entry_with_each_deletion_in_the_history(
    plan, admin_user, section
):
    pks = list(section.activities.values_list("pk", flat=True))
    assert _counts(plan) == (2, 3, 2, 3)

    entry = services.section_delete(
        section=section, by=admin_user, expected_version=section.version
    )

    assert _counts(plan) == (
        1,
        1,
        1,
        1,
    )  # activity 1 of the other section stays with its participants and unit
    assert list(BinEntry.objects.values_list("pk", "kind", "summary", "activity_count")) == [
        (entry.pk, "section", ANALYTIC, 2)
    ]
    deleted = AuditEntry.objects.filter(action="plans.activity.deleted", plan_id=plan.pk)
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(pks)
    child_deleted = deleted.get(summary__startswith="11.1 ")
    assert "главы поселений" in str(
        child_deleted.changes["participants"][0]
    )  # what it held, kept in the history
    assert (
        AuditEntry.objects.filter(action="plans.section.deleted", object_id=section.pk).count() == 1
    )


def test_a_restored_section_is_back_in_its_place_with_activities_units_participants_and_history(
    plan, admin_user, section
):
    order = [s.title for s in plan.sections.all()]
    pks = list(section.activities.values_list("pk", flat=True))
    before, counts = _state(pks), _counts(plan)
    history_before = AuditEntry.objects.filter(object_type="activity", object_id__in=pks).count()
    services.section_delete(section=section, by=admin_user)
    services.section_create(
        plan=plan, title="РЕЗЕРВ", by=admin_user
    )  # a section added while it was in the bin

    bin.bin_restore(entry=BinEntry.objects.get(), by=admin_user)

    assert [s.title for s in plan.sections.all()] == [*order, "РЕЗЕРВ"]
    assert _state(pks) == before  # numbers, positions, units, participants
    assert _counts(plan)[1:] == counts[1:]
    history = AuditEntry.objects.filter(object_type="activity", object_id__in=pks)
    assert (
        history.count() == history_before + 2 + 2
    )  # each deleted, each restored, on top of the past
    assert history.filter(action="plans.activity.updated").exists()
    assert AuditEntry.objects.filter(action="plans.section.restored", object_id=section.pk).exists()
    assert not BinEntry.objects.exists()


def test_a_stale_section_version_refuses_the_delete_and_keeps_everything(plan, admin_user, section):
    opened_at = section.version
    services.section_update(
        section=Section.objects.get(pk=section.pk),
        title="АНАЛИТИКА",
        by=admin_user,
        expected_version=opened_at,
    )
    with pytest.raises(StaleVersion):
        services.section_delete(section=section, by=admin_user, expected_version=opened_at)
    assert _counts(plan) == (2, 3, 2, 3)
    assert not BinEntry.objects.exists()
    assert not AuditEntry.objects.filter(action__endswith=".deleted").exists()


def test_an_approved_plans_section_is_not_deleted(plan, admin_user, section):
    services.plan_approve(
        plan=Plan.objects.get(pk=plan.pk),
        by=admin_user,
        decision="решение № 1",
        approved_on=dt.date(2025, 12, 15),
    )
    with pytest.raises(ValidationError, match="План утверждён"):
        services.section_delete(section=Section.objects.get(pk=section.pk), by=admin_user)
    assert _counts(plan) == (2, 3, 2, 3)


# --- through HTTP ----------------------------------------------------------------------------


def test_the_administrator_confirms_a_list_of_what_goes_with_the_section(
    client, admin_user, plan, section
):
    client.force_login(admin_user)
    page = client.get(reverse("plans-section-delete", args=[section.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Вместе с ним будут удалены мероприятия (2)" in html
    assert (
        "11 Подготовка ежегодного доклада" in html
        and "подпункт 11.1 Рассылка модельной формы доклада" in html
    )
    assert f'name="version" value="{section.version}"' in html

    listed = ",".join(str(pk) for pk in section.activities.values_list("pk", flat=True))
    response = client.post(
        reverse("plans-section-delete", args=[section.pk]),
        {"version": section.version, "listed": listed},
        follow=True,
    )

    assert "Раздел перемещён в корзину вместе с мероприятиями" in response.content.decode()
    assert _counts(plan) == (1, 1, 1, 1)
    assert BinEntry.objects.get().activity_count == 2
    assert AuditEntry.objects.filter(action="plans.activity.deleted").count() == 2


def test_a_stale_confirmation_is_refused_and_shown_again(client, admin_user, plan, section):
    opened_at = section.version
    services.section_update(
        section=section, title="АНАЛИТИКА", by=admin_user, expected_version=opened_at
    )
    client.force_login(admin_user)

    response = client.post(
        reverse("plans-section-delete", args=[section.pk]), {"version": opened_at}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("plans-section-delete", args=[section.pk])
    html = response.content.decode()
    assert (
        "другой пользователь изменил раздел или его мероприятия" in html and "«АНАЛИТИКА»" in html
    )
    assert _counts(plan) == (2, 3, 2, 3) and not BinEntry.objects.exists()


def test_only_an_administrator_of_the_organization_deletes_a_section(
    client, editor_user, viewer_user, stranger, plan, section
):
    for user, status in [(editor_user, 403), (viewer_user, 403), (stranger, 404)]:
        client.force_login(user)
        assert client.get(reverse("plans-section-delete", args=[section.pk])).status_code == status
        assert (
            client.post(
                reverse("plans-section-delete", args=[section.pk]), {"version": section.version}
            ).status_code
            == status
        )
    assert _counts(plan) == (2, 3, 2, 3) and not BinEntry.objects.exists()


def test_the_restored_section_is_back_in_the_plan_table_with_its_numbers(
    client, admin_user, plan, section
):
    client.force_login(admin_user)
    client.post(reverse("plans-section-delete", args=[section.pk]), {"version": section.version})
    assert ANALYTIC not in client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    client.post(reverse("plans-bin-restore", args=[BinEntry.objects.get().pk]))
    html = client.get(reverse("plans-detail", args=[plan.pk])).content.decode()
    assert ANALYTIC in html and 'data-number="11"' in html and 'data-number="11.1"' in html


def test_an_activity_added_after_the_confirmation_was_shown_refuses_the_delete(
    client, admin_user, editor_user, plan, section, analytics
):
    client.force_login(admin_user)
    html = client.get(reverse("plans-section-delete", args=[section.pk])).content.decode()
    listed = ",".join(str(pk) for pk in section.activities.values_list("pk", flat=True))
    assert f'name="listed" value="{listed}"' in html
    services.activity_create(
        section=section,
        by=editor_user,
        data=ActivityInput(
            title="Мониторинг муниципальных правовых актов", responsible_units=[analytics]
        ),
    )

    response = client.post(
        reverse("plans-section-delete", args=[section.pk]),
        {"version": section.version, "listed": listed},
        follow=True,
    )

    assert "другой пользователь изменил раздел или его мероприятия" in response.content.decode()
    assert plan.activities.count() == 4 and not BinEntry.objects.exists()
    assert not AuditEntry.objects.filter(action__endswith=".deleted").exists()
