"""Two people save the same plan, section or activity: the later save made from a stale copy is refused,
the earlier person's values stay, and the later person's typed text is still in front of them."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.lib.locking import StaleVersion
from muniplan.lib.tests.forms import form_data
from muniplan.plans import services
from muniplan.plans.models import Activity, Plan, Section
from muniplan.plans.services import ActivityInput

pytestmark = pytest.mark.django_db


def _input(activity: Activity, **changes) -> ActivityInput:
    data = dict(
        title=activity.title,
        number=activity.number,
        description=activity.description,
        period_text=activity.period_text,
        responsible_units=list(activity.responsible_units.all()),
    )
    return ActivityInput(**{**data, **changes})


# --- services --------------------------------------------------------------------------------


def test_a_second_activity_save_from_the_same_version_is_refused(
    analytics_activity, admin_user, editor_user
):
    opened_at = analytics_activity.version
    first = Activity.objects.get(pk=analytics_activity.pk)
    services.activity_update(
        activity=first,
        by=editor_user,
        expected_version=opened_at,
        data=_input(first, title="Доклад о местном самоуправлении (редакция отдела)"),
    )
    second = Activity.objects.get(pk=analytics_activity.pk)
    with pytest.raises(StaleVersion) as refused:
        services.activity_update(
            activity=second,
            by=admin_user,
            expected_version=opened_at,
            data=_input(second, description="Описание администратора"),
        )

    assert refused.value.current.title == "Доклад о местном самоуправлении (редакция отдела)"
    analytics_activity.refresh_from_db()
    assert analytics_activity.title == "Доклад о местном самоуправлении (редакция отдела)"
    assert analytics_activity.description != "Описание администратора"
    assert analytics_activity.version == opened_at + 1
    assert (
        AuditEntry.objects.filter(
            action="plans.activity.updated", object_id=analytics_activity.pk
        ).count()
        == 1
    )


def test_an_importer_saves_without_a_version_and_still_moves_the_version_on(
    analytics_activity, admin_user
):
    services.activity_update(
        activity=analytics_activity, by=admin_user, data=_input(analytics_activity, title="Новое")
    )
    analytics_activity.refresh_from_db()
    assert (analytics_activity.title, analytics_activity.version) == ("Новое", 2)


def test_a_second_plan_save_from_the_same_version_is_refused(plan, admin_user):
    opened_at = plan.version
    services.plan_update(
        plan=Plan.objects.get(pk=plan.pk),
        by=admin_user,
        title="Заголовок первого",
        year=2026,
        notes="",
        expected_version=opened_at,
    )
    with pytest.raises(StaleVersion):
        services.plan_update(
            plan=Plan.objects.get(pk=plan.pk),
            by=admin_user,
            title="Заголовок второго",
            year=2027,
            notes="",
            expected_version=opened_at,
        )
    plan.refresh_from_db()
    assert (plan.title, plan.year) == ("Заголовок первого", 2026)


def test_approving_a_plan_makes_a_form_opened_on_the_draft_stale(plan, admin_user):
    opened_at = plan.version
    services.plan_approve(
        plan=Plan.objects.get(pk=plan.pk),
        by=admin_user,
        decision="решение № 1",
        approved_on=dt.date(2025, 12, 15),
    )
    with pytest.raises(StaleVersion):
        services.plan_update(
            plan=Plan.objects.get(pk=plan.pk),
            by=admin_user,
            title="Другой",
            year=2026,
            notes="",
            expected_version=opened_at,
        )


def test_a_second_section_save_from_the_same_version_is_refused(plan, admin_user):
    section = plan.sections.first()
    services.section_update(
        section=Section.objects.get(pk=section.pk),
        title="ВАРМСУ",
        by=admin_user,
        expected_version=section.version,
    )
    with pytest.raises(StaleVersion):
        services.section_update(
            section=Section.objects.get(pk=section.pk),
            title="ВЗАИМОДЕЙСТВИЕ",
            by=admin_user,
            expected_version=section.version,
        )
    section.refresh_from_db()
    assert section.title == "ВАРМСУ"


# --- through HTTP ----------------------------------------------------------------------------


def test_two_people_edit_one_activity_and_neither_text_is_lost(
    client, admin_user, editor_user, analytics_activity
):
    from django.test import Client

    editor, admin = Client(), client
    editor.force_login(editor_user)
    admin.force_login(admin_user)
    url = reverse("plans-activity-edit", args=[analytics_activity.pk])
    editor_page, admin_page = editor.get(url), admin.get(url)

    saved = editor.post(url, form_data(editor_page, title="Доклад (редакция отдела)"))
    assert saved.status_code == 302
    refused = admin.post(
        url, form_data(admin_page, description="Текст администратора,\r\nнабранный долго")
    )

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Запись изменена другим пользователем" in html
    conflict = {row.label: row for row in refused.context["conflict"]}
    assert conflict["Наименование мероприятия"].theirs == "Доклад (редакция отдела)"
    assert conflict["Характеристика мероприятия"].mine == "Текст администратора,\nнабранный долго"
    assert (
        "Текст администратора,\r\nнабранный долго" in refused.context["form"]["description"].value()
    )
    assert (
        "Текст администратора,\r\nнабранный долго</textarea>" in html
    )  # still in the form to save again
    analytics_activity.refresh_from_db()
    assert analytics_activity.title == "Доклад (редакция отдела)"
    assert "Текст администратора" not in analytics_activity.description

    # Having seen the other version, the administrator saves theirs on purpose.
    again = admin.post(url, form_data(refused))
    assert again.status_code == 302
    analytics_activity.refresh_from_db()
    assert analytics_activity.description == "Текст администратора,\nнабранный долго"


def test_two_administrators_edit_the_plan_title_and_the_second_is_shown_the_first(
    client, admin_user, plan
):
    url = reverse("plans-edit", args=[plan.pk])
    client.force_login(admin_user)
    first, second = client.get(url), client.get(url)
    assert client.post(url, form_data(first, title="Первый заголовок")).status_code == 302
    refused = client.post(url, form_data(second, title="Второй заголовок"))
    assert refused.status_code == 200
    assert [(r.theirs, r.mine) for r in refused.context["conflict"]] == [
        ("Первый заголовок", "Второй заголовок")
    ]
    assert "\nВторой заголовок</textarea>" in refused.content.decode()
    plan.refresh_from_db()
    assert plan.title == "Первый заголовок"


def test_two_administrators_rename_one_section_and_the_second_is_refused(client, admin_user, plan):
    section = plan.sections.first()
    url = reverse("plans-section-edit", args=[section.pk])
    client.force_login(admin_user)
    first, second = client.get(url), client.get(url)
    assert client.post(url, form_data(first, title="ВАРМСУ")).status_code == 302
    refused = client.post(url, form_data(second, title="ВЗАИМОДЕЙСТВИЕ"))
    assert refused.status_code == 200
    assert 'value="ВЗАИМОДЕЙСТВИЕ"' in refused.content.decode()
    section.refresh_from_db()
    assert section.title == "ВАРМСУ"


# --- real concurrency ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads need a server database")
def test_simultaneous_saves_on_postgresql_let_exactly_one_through(admin_user, analytics_activity):
    start, outcomes = threading.Barrier(4), []

    def save(n: int) -> None:
        try:
            activity = Activity.objects.get(pk=analytics_activity.pk)
            start.wait()
            services.activity_update(
                activity=activity,
                by=admin_user,
                expected_version=1,
                data=_input(activity, title=f"Вариант {n}"),
            )
            outcomes.append(("saved", n))
        except StaleVersion:
            outcomes.append(("refused", n))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    saved = [n for what, n in outcomes if what == "saved"]
    assert len(saved) == 1 and len(outcomes) == 4
    analytics_activity.refresh_from_db()
    assert analytics_activity.title == f"Вариант {saved[0]}"
    assert analytics_activity.version == 2
