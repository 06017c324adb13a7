"""The control mechanism through its services: the seed 004 resolution from import to follow-up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from muniplan.audit.models import AuditEntry
from muniplan.control import services
from muniplan.control.models import ControlItem, ExtensionRequest, StatusChange
from muniplan.lib.locking import StaleVersion
from muniplan.plans.models import Plan

pytestmark = pytest.mark.django_db
Status = ControlItem.Status


def test_all_24_recommendations_in_5_groups_go_under_control_with_their_addressees(
    resolution, items, controller
):
    assert resolution.addressees.count() == 5
    assert len(items) == 24
    assert (
        ControlItem.objects.filter(
            organization=resolution.organization, status=Status.IN_PROGRESS
        ).count()
        == 24
    )
    first = items[0]
    assert first.executor_text.startswith("Органам государственной власти Смоленской области")
    assert first.controller == controller and first.deadline == dt.date(2021, 9, 1)
    assert StatusChange.objects.filter(item__in=items, old="", new=Status.IN_PROGRESS).count() == 24
    assert AuditEntry.objects.filter(action="control.item.created").count() == 24


def test_putting_the_resolution_under_control_again_adds_only_what_is_missing(
    resolution, items, smolensk_admin, controller
):
    assert (
        services.resolution_control(
            resolution=resolution,
            controller=controller,
            deadline=dt.date(2021, 9, 1),
            by=smolensk_admin,
        )
        == []
    )
    with pytest.raises(ValidationError):
        services.recommendation_control(
            recommendation=items[0].recommendation,
            controller=controller,
            deadline=dt.date(2021, 9, 1),
            by=smolensk_admin,
        )


def test_a_recommendation_addressed_to_a_unit_gets_that_unit_as_executor(
    resolution, smolensk, smolensk_admin, controller
):
    from muniplan.accounts.models import Unit

    unit = Unit.objects.create(organization=smolensk, name="Средствам массовой информации")
    media = resolution.addressees.get(name="Средствам массовой информации").recommendations.get()
    item = services.recommendation_control(
        recommendation=media, controller=controller, deadline=dt.date(2021, 1, 1), by=smolensk_admin
    )
    assert item.executor_unit == unit and item.executor_text == ""


def test_a_controller_from_another_organization_is_refused(resolution, stranger, smolensk_admin):
    recommendation = resolution.addressees.first().recommendations.first()
    with pytest.raises(ValidationError) as error:
        services.recommendation_control(
            recommendation=recommendation,
            controller=stranger,
            deadline=dt.date(2021, 1, 1),
            by=smolensk_admin,
        )
    assert "Контролёром" in str(error.value)


def test_the_four_recommendations_to_the_association_become_activities_of_a_new_plan(
    resolution, smolensk_admin
):
    own = [
        a
        for a in resolution.addressees.all()
        if services.is_own_addressee(a, resolution.organization)
    ]
    assert [a.name for a in own] == [
        "Ассоциации «Совет муниципальных образований Смоленской области»"
    ]
    activities = services.recommendations_to_plan(addressee=own[0], by=smolensk_admin, year=2021)
    assert len(activities) == 4
    plan = Plan.objects.get(organization=resolution.organization, year=2021)
    assert plan.activities.count() == 4
    for activity, recommendation in zip(activities, own[0].recommendations.all(), strict=True):
        recommendation.refresh_from_db()
        assert recommendation.activity == activity and activity.recommendation == recommendation
        assert activity.title[0].isupper() and activity.title[1:] == recommendation.text.strip()[1:]
    assert activities[0].section.title.startswith("Выполнение рекомендаций: III Съезд")
    with pytest.raises(ValidationError):
        services.recommendations_to_plan(addressee=own[0], by=smolensk_admin, plan=plan)


def test_recommendations_go_only_into_a_draft_plan_of_the_same_organization(
    resolution, smolensk_admin, tyumen
):
    from muniplan.plans.services import plan_create

    other = plan_create(organization=tyumen, year=2021, title="Чужой план", by=smolensk_admin)
    with pytest.raises(ValidationError):
        services.recommendations_to_plan(
            addressee=resolution.addressees.last(), by=smolensk_admin, plan=other
        )


def test_a_done_note_goes_to_the_controller_who_takes_the_item_off_control(
    items, smolensk_admin, controller
):
    item = items[0]
    services.note_add(
        item=item,
        by=smolensk_admin,
        done_on=dt.date(2021, 5, 1),
        text="Проведён семинар",
        reports_done=True,
        files=[("акт.pdf", b"%PDF-1.4 test")],
    )
    item.refresh_from_db()
    assert item.status == Status.ON_REVIEW
    services.item_close(item=item, by=controller, reason="Исполнено", expected_version=item.version)
    item.refresh_from_db()
    assert item.status == Status.CLOSED
    assert list(item.status_changes.values_list("old", "new", "reason")) == [
        ("", Status.IN_PROGRESS, "Поставлено на контроль"),
        (Status.IN_PROGRESS, Status.ON_REVIEW, "Проведён семинар"),
        (Status.ON_REVIEW, Status.CLOSED, "Исполнено"),
    ]
    assert item.notes.get().evidence.get().file.read() == b"%PDF-1.4 test"
    with pytest.raises(ValidationError):
        services.note_add(item=item, by=smolensk_admin, done_on=dt.date(2021, 5, 2), text="Ещё")


def test_returned_for_rework_needs_a_reason_and_a_report_on_review(items, controller):
    with pytest.raises(ValidationError):
        services.item_return(item=items[1], by=controller, reason="Доработать")  # not on review yet
    items[1].status = Status.ON_REVIEW
    items[1].save()
    with pytest.raises(ValidationError):
        services.item_return(item=items[1], by=controller, reason="  ")
    services.item_return(item=items[1], by=controller, reason="Нет подтверждающих материалов")
    items[1].refresh_from_db()
    assert items[1].status == Status.RETURNED


def test_the_controller_extends_a_deadline_with_a_reason(items, controller):
    item = items[2]
    services.item_extend(
        item=item, by=controller, new_deadline=dt.date(2021, 12, 31), reason="Семинар перенесён"
    )
    item.refresh_from_db()
    assert (item.deadline, item.status) == (dt.date(2021, 12, 31), Status.EXTENDED)
    extension = item.extension_requests.get()
    assert (extension.old_deadline, extension.state) == (
        dt.date(2021, 9, 1),
        ExtensionRequest.State.GRANTED,
    )
    assert AuditEntry.objects.get(action="control.item.extended").changes == {
        "deadline": ["2021-09-01", "2021-12-31"]
    }
    with pytest.raises(ValidationError):
        services.item_extend(
            item=item, by=controller, new_deadline=dt.date(2021, 10, 1), reason="раньше"
        )


def test_an_extension_request_is_granted_or_refused_by_the_controller(
    items, smolensk_admin, controller
):
    item = items[3]
    request = services.extension_request(
        item=item, by=smolensk_admin, new_deadline=dt.date(2022, 3, 1), reason="Ждём финансирования"
    )
    with pytest.raises(ValidationError):
        services.extension_request(
            item=item, by=smolensk_admin, new_deadline=dt.date(2022, 4, 1), reason="ещё"
        )
    with pytest.raises(ValidationError):
        services.extension_decide(request=request, by=controller, grant=False, comment="")
    services.extension_decide(
        request=request, by=controller, grant=False, comment="Срок не переносится"
    )
    item.refresh_from_db()
    assert item.deadline == dt.date(2021, 9, 1) and item.status == Status.IN_PROGRESS
    second = services.extension_request(
        item=item,
        by=smolensk_admin,
        new_deadline=dt.date(2022, 3, 1),
        reason="Финансирование поступило позже",
    )
    services.extension_decide(request=second, by=controller, grant=True)
    item.refresh_from_db()
    assert item.deadline == dt.date(2022, 3, 1) and item.status == Status.EXTENDED


def test_a_stale_edit_is_refused_and_the_item_keeps_the_first_save(
    items, smolensk_admin, controller
):
    item = items[4]
    opened_at = item.version
    fields = {
        "deadline": dt.date(2021, 10, 1),
        "controller": controller,
        "executor_unit": None,
        "executor_text": item.executor_text,
    }
    services.item_update(
        item=item, by=smolensk_admin, expected_version=opened_at, text="Первый текст", **fields
    )
    stale = ControlItem.objects.get(pk=item.pk)
    with pytest.raises(StaleVersion) as error:
        services.item_update(
            item=stale, by=smolensk_admin, expected_version=opened_at, text="Второй текст", **fields
        )
    assert error.value.current.text == "Первый текст"
    item.refresh_from_db()
    assert item.text == "Первый текст"


def test_evidence_of_a_wrong_kind_or_size_is_refused_by_name_and_nothing_is_written(
    items, smolensk_admin, settings
):
    settings.MUNIPLAN_MAX_UPLOAD_BYTES = 100
    item = items[5]
    for name, data, words in [
        ("вирус.exe", b"MZ", "«.exe» не принимается"),
        ("фото.jpg", b"%PDF-1.4", "не является"),
        ("скан.pdf", b"%PDF-" + b"0" * 200, "слишком большой"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.note_add(
                item=item,
                by=smolensk_admin,
                done_on=dt.date(2021, 5, 1),
                text="Отчёт",
                files=[(name, data)],
            )
        assert name in str(error.value) and words in str(error.value)
    assert item.notes.count() == 0
