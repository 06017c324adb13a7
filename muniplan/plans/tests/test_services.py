"""Services write plans, sections and activities in one transaction with their history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from muniplan.audit.models import AuditEntry
from muniplan.plans import services
from muniplan.plans.models import Activity, Plan
from muniplan.plans.services import ActivityInput

pytestmark = pytest.mark.django_db


def _input(activity: Activity, **changes) -> ActivityInput:
    data = dict(
        number=activity.number,
        title=activity.title,
        description=activity.description,
        period_text=activity.period_text,
        responsible_units=list(activity.responsible_units.all()),
        funding_text=activity.funding_text,
        participants=[(p.count, p.category) for p in activity.participations.all()],
    )
    data.update(changes)
    return ActivityInput(**data)


def test_it_reads_the_schedule_from_the_period_text(apparatus_activity):
    assert apparatus_activity.period_text == "Январь-апрель\nСентябрь-декабрь"
    assert apparatus_activity.months == [1, 2, 3, 4, 9, 10, 11, 12]
    assert not apparatus_activity.period_needs_review


def test_it_keeps_participants_count_and_category(apparatus_activity):
    participation = apparatus_activity.participations.get()
    assert (participation.count, participation.category) == (62, "члены РО ВСМС")


def test_a_quarterly_frequency_is_kept_beside_the_months(plan, admin_user, apparatus_activity):
    services.activity_update(
        activity=apparatus_activity,
        by=admin_user,
        data=_input(
            apparatus_activity,
            period_text="январь-декабрь\n(при возникновении необходимости, но не реже 1 раза в квартал)",
        ),
    )
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.months == list(range(1, 13))
    assert (apparatus_activity.frequency_per, apparatus_activity.frequency_min) == ("quarter", 1)


def test_a_person_may_correct_the_months_read_from_the_text(admin_user, apparatus_activity):
    services.activity_update(
        activity=apparatus_activity,
        by=admin_user,
        data=_input(apparatus_activity, period_text="по согласованию", months=[3, 4]),
    )
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.months == [3, 4]
    assert apparatus_activity.period_text == "по согласованию"
    assert not apparatus_activity.period_needs_review


def test_an_unreadable_period_is_kept_and_flagged_for_review(admin_user, apparatus_activity):
    services.activity_update(
        activity=apparatus_activity,
        by=admin_user,
        data=_input(apparatus_activity, period_text="когда получится"),
    )
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.period_text == "когда получится"
    assert apparatus_activity.period_needs_review


def test_an_update_records_who_changed_which_fields_from_what_to_what(
    admin_user, apparatus_activity, analytics
):
    services.activity_update(
        activity=apparatus_activity,
        by=admin_user,
        data=_input(apparatus_activity, title="Новое название", responsible_units=[analytics]),
    )
    entry = AuditEntry.objects.filter(
        action="plans.activity.updated", object_id=apparatus_activity.pk
    ).get()
    assert entry.actor == admin_user
    assert entry.changes["title"][1] == "Новое название"
    assert entry.changes["title"][0].startswith("Участие представителей")
    assert entry.changes["responsible_units"] == [
        ["Аппарат Совета"],
        ["Информационно-аналитический отдел"],
    ]
    assert "description" not in entry.changes


def test_an_update_that_changes_nothing_records_nothing(admin_user, apparatus_activity):
    services.activity_update(
        activity=apparatus_activity, by=admin_user, data=_input(apparatus_activity)
    )
    assert not AuditEntry.objects.filter(action="plans.activity.updated").exists()


def test_an_activity_needs_a_title(admin_user, apparatus_activity):
    with pytest.raises(ValidationError):
        services.activity_update(
            activity=apparatus_activity, by=admin_user, data=_input(apparatus_activity, title="  ")
        )
    apparatus_activity.refresh_from_db()
    assert apparatus_activity.title.startswith("Участие")


def test_a_unit_of_another_organization_cannot_be_responsible(admin_user, apparatus_activity, tula):
    from muniplan.accounts.models import Unit

    foreign = Unit.objects.create(organization=tula, name="Правление")
    with pytest.raises(ValidationError):
        services.activity_update(
            activity=apparatus_activity,
            by=admin_user,
            data=_input(apparatus_activity, responsible_units=[foreign]),
        )
    assert list(apparatus_activity.responsible_units.values_list("name", flat=True)) == [
        "Аппарат Совета"
    ]


def test_moving_an_activity_to_another_section_takes_its_sub_items_along(
    plan, admin_user, analytics_activity
):
    first = plan.sections.get(title="ВЗАИМОДЕЙСТВИЕ С ВАРМСУ")
    services.activity_move(activity=analytics_activity, section=first, position=0, by=admin_user)
    assert [a.number for a in first.activities.filter(parent=None).order_by("position")] == [
        "11",
        "1",
    ]
    assert plan.activities.get(number="11.1").section == first
    entry = AuditEntry.objects.get(action="plans.activity.moved")
    assert entry.changes["section"] == ["АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ", "ВЗАИМОДЕЙСТВИЕ С ВАРМСУ"]


def test_a_sub_item_cannot_leave_its_parents_section(plan, admin_user):
    child = plan.activities.get(number="11.1")
    with pytest.raises(ValidationError):
        services.activity_move(
            activity=child, section=plan.sections.first(), position=0, by=admin_user
        )


def test_deleting_an_activity_removes_its_sub_items_and_records_each_of_them(
    plan, admin_user, analytics_activity
):
    parent_pk, child_pk = analytics_activity.pk, analytics_activity.children.get().pk
    services.activity_delete(activity=analytics_activity, by=admin_user)
    assert not plan.activities.filter(number__startswith="11").exists()
    entries = {
        e.object_id: e
        for e in AuditEntry.objects.filter(action="plans.activity.deleted", plan_id=plan.pk)
    }
    assert set(entries) == {parent_pk, child_pk}
    assert entries[parent_pk].changes["title"][0].startswith("Подготовка ежегодного доклада")
    assert entries[child_pk].changes["title"][0] == "Рассылка модельной формы доклада"
    assert entries[child_pk].changes["period_text"][0] == "2-3 квартал"


def test_sections_are_reordered(plan, admin_user):
    second = plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ")
    services.section_move(section=second, position=0, by=admin_user)
    assert [s.title for s in plan.sections.all()] == [
        "АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ",
        "ВЗАИМОДЕЙСТВИЕ С ВАРМСУ",
    ]


def test_approval_needs_the_approving_decision(plan, admin_user):
    with pytest.raises(ValidationError):
        services.plan_approve(
            plan=plan, by=admin_user, decision=" ", approved_on=dt.date(2025, 12, 15)
        )
    services.plan_approve(
        plan=plan,
        by=admin_user,
        decision="решение Президиума от 15.12.2025 № 12",
        approved_on=dt.date(2025, 12, 15),
    )
    plan.refresh_from_db()
    assert (plan.status, plan.approved_on) == (Plan.Status.APPROVED, dt.date(2025, 12, 15))
    entry = AuditEntry.objects.get(action="plans.plan.approved")
    assert entry.changes["status"] == ["Проект", "Утверждён"]


def test_reopening_needs_a_reason_and_is_recorded_with_the_previous_decision(plan, admin_user):
    services.plan_approve(
        plan=plan, by=admin_user, decision="решение № 12", approved_on=dt.date(2025, 12, 15)
    )
    with pytest.raises(ValidationError):
        services.plan_reopen(plan=plan, by=admin_user, reason="")
    services.plan_reopen(plan=plan, by=admin_user, reason="Добавить мероприятие по поручению")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    assert AuditEntry.objects.filter(
        action="plans.plan.reopened", summary="Добавить мероприятие по поручению"
    ).exists()
