"""The daily reminder digest: frozen on 20 September 2026, read from Django's in-memory mailbox."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from muniplan.control.reminders import digest_for
from muniplan.control.services import item_close, item_create, note_add
from muniplan.execution.services import ReportInput, report_create
from muniplan.plans.tests.factories import tyumen_plan

pytestmark = pytest.mark.django_db
MORNING = dt.datetime(2026, 9, 20, 7, 0, tzinfo=ZoneInfo("Europe/Moscow"))


@pytest.fixture
def people(admin_user, editor_user, viewer_user):
    for user in (admin_user, editor_user, viewer_user):
        user.email = f"{user.username}@example.org"
        user.save(update_fields=["email"])
    return admin_user, editor_user, viewer_user


@pytest.fixture
def plan(tyumen, apparatus, analytics, admin_user):
    return tyumen_plan(organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user)


@pytest.fixture
def items(tyumen, analytics, admin_user, people):
    soon = item_create(
        organization=tyumen,
        text="Подготовить справку о ТОС для Правительства области",
        deadline=dt.date(2026, 9, 25),
        controller=admin_user,
        by=admin_user,
        executor_unit=analytics,
    )
    late = item_create(
        organization=tyumen,
        text="Направить предложения в план ВАРМСУ",
        deadline=dt.date(2026, 9, 1),
        controller=admin_user,
        by=admin_user,
        executor_unit=analytics,
    )
    later = item_create(
        organization=tyumen,
        text="Провести семинар для глав поселений",
        deadline=dt.date(2026, 12, 1),
        controller=admin_user,
        by=admin_user,
        executor_unit=analytics,
    )
    return soon, late, later


def _titles(lines) -> list[str]:
    return [line.title for line in lines]


def test_an_editor_gets_their_units_activities_due_in_14_days_and_their_items(plan, items, people):
    _, editor, _ = people
    digest = digest_for(editor, as_of=dt.date(2026, 9, 20))
    assert _titles(digest.due) == [
        "Подготовить справку о ТОС для Правительства области",
        "11 Подготовка ежегодного доклада «О состоянии местного самоуправления в Тюменской области»",
        "11.1 Рассылка модельной формы доклада",
    ]
    assert [line.due for line in digest.due] == [
        dt.date(2026, 9, 25),
        dt.date(2026, 9, 30),
        dt.date(2026, 9, 30),
    ]
    assert _titles(digest.overdue) == [
        "Направить предложения в план ВАРМСУ"
    ]  # activity 1 is not their unit's


def test_the_administrator_also_sees_the_other_units_overdue_activity(plan, items, people):
    admin, _, _ = people
    digest = digest_for(admin, as_of=dt.date(2026, 9, 20))
    overdue = {line.title: line for line in digest.overdue}
    first = overdue[
        "1 Участие представителей Тюменской области в региональных днях форума «Малая Родина – сила России»"
    ]
    assert first.due == dt.date(
        2026, 4, 30
    )  # overdue since its January–April period ended unreported
    assert first.detail == "нет отчёта: январь–апрель; Аппарат Совета"
    assert "Направить предложения в план ВАРМСУ" in overdue


def test_a_report_and_a_closed_item_leave_the_digest(plan, items, people):
    admin, editor, _ = people
    soon, late, _ = items
    activity = plan.activities.get(number="11")
    report_create(
        activity=activity,
        by=admin,
        data=ReportInput(done_on=dt.date(2026, 9, 10), text="Доклад подготовлен"),
    )
    note_add(
        item=late, by=admin, done_on=dt.date(2026, 9, 15), text="Направлено", reports_done=True
    )
    item_close(item=late, by=admin, reason="Исполнено")
    digest = digest_for(editor, as_of=dt.date(2026, 9, 20))
    assert (
        "11 Подготовка ежегодного доклада «О состоянии местного самоуправления в Тюменской области»"
        not in _titles(digest.due)
    )
    assert digest.overdue == []


def test_remind_mails_each_person_their_digest_in_russian(plan, items, people):
    admin, editor, viewer = people
    with time_machine.travel(MORNING, tick=False):
        call_command("remind")
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {admin.email, editor.email}  # a viewer answers for nothing
    message = by_address[editor.email]
    assert message.subject == "MuniPlan: просрочено 1, срок в ближайшие 14 дней — 3 (20.09.2026)"
    assert (
        "ПРОСРОЧЕНО (1):" in message.body
        and "- 01.09.2026 — Направить предложения в план ВАРМСУ" in message.body
    )
    assert (
        "СРОК В БЛИЖАЙШИЕ 14 ДНЕЙ (3):" in message.body
        and "30.09.2026 — 11.1 Рассылка модельной формы доклада" in message.body
    )
    assert f"/control/items/{items[0].pk}/" in message.body
    assert "Провести семинар для глав поселений" not in message.body  # due in December
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Просрочено (1)" in html


def test_nothing_due_means_no_mail(tyumen, people):
    with time_machine.travel(MORNING, tick=False):
        call_command("remind")
    assert mail.outbox == []


def test_remind_for_a_given_date_and_a_bad_date(plan, items, people):
    call_command("remind", "--date", "2026-01-05")
    assert all("срок в ближайшие" in m.subject for m in mail.outbox)
    with pytest.raises(CommandError, match="ГГГГ-ММ-ДД"):
        call_command("remind", "--date", "05.01.2026")


def test_remind_for_another_organization_leaves_these_people_alone(plan, items, people, tula):
    with time_machine.travel(MORNING, tick=False):
        call_command("remind", "--org", str(tula.pk))
    assert mail.outbox == []
    with time_machine.travel(MORNING, tick=False):
        call_command("remind", "--org", str(plan.organization_id))
    assert len(mail.outbox) == 2


def test_the_digest_greets_the_person_by_their_profile_name(plan, items, people):
    from muniplan.accounts.models import Profile

    admin, editor, _ = people
    Profile.objects.create(user=editor, full_name="Петрова Анна Сергеевна")
    with time_machine.travel(MORNING, tick=False):
        call_command("remind")
    by_address = {message.to[0]: message for message in mail.outbox}
    message = by_address[editor.email]
    assert message.body.startswith("Здравствуйте, Петрова Анна Сергеевна!")
    assert "Здравствуйте, Петрова Анна Сергеевна!" in message.alternatives[0][0]
    assert admin.username not in by_address[admin.email].body.splitlines()[0]
