"""Deleted activities and sections wait in the plan's bin; an administrator restores them whole for 30 days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from muniplan.audit.models import AuditEntry
from muniplan.plans import bin, services
from muniplan.plans.models import Activity, BinEntry, Participation, Plan, Section
from muniplan.plans.rollover import plan_rollover
from muniplan.plans.services import ActivityInput
from muniplan.transfer.models import ImportedDocument

pytestmark = pytest.mark.django_db


def _state(activity_pks: list[int]) -> list[tuple]:
    """Everything a person sees of these activities, to compare before a delete and after the restore."""
    return [
        (
            a.pk,
            a.number,
            a.title,
            a.description,
            a.period_text,
            a.months_mask,
            a.section_id,
            a.parent_id,
            a.position,
            a.version,
            a.search_text,
            sorted(u.name for u in a.responsible_units.all()),
            [(p.count, p.category) for p in a.participations.all()],
        )
        for a in Activity.objects.filter(pk__in=activity_pks).order_by("pk")
    ]


def test_a_deleted_activity_with_its_sub_items_is_restored_as_it_was_with_its_history(
    plan, admin_user, editor_user, analytics_activity, analytics
):
    child = analytics_activity.children.get()
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
    pks = [analytics_activity.pk, child.pk]
    before, history_before = (
        _state(pks),
        AuditEntry.objects.filter(object_type="activity", object_id__in=pks).count(),
    )

    services.activity_delete(activity=Activity.objects.get(pk=pks[0]), by=admin_user)
    assert not Activity.objects.filter(pk__in=pks).exists()
    assert not Participation.objects.filter(activity_id__in=pks).exists()
    entry = BinEntry.objects.get(plan=plan)
    assert (entry.kind, entry.activity_count, entry.deleted_by) == ("activity", 2, admin_user)
    assert entry.summary.startswith("11 Подготовка ежегодного доклада")

    bin.bin_restore(entry=entry, by=admin_user)

    assert _state(pks) == before
    assert not BinEntry.objects.exists()
    history = AuditEntry.objects.filter(object_type="activity", object_id__in=pks)
    assert (
        history.count() == history_before + 2 + 2
    )  # two deletions and two restorations on top of the past
    assert set(
        history.filter(action="plans.activity.restored").values_list("object_id", flat=True)
    ) == set(pks)
    assert history.filter(object_id=child.pk, action="plans.activity.updated").exists()


def test_a_restore_links_next_years_copies_to_their_source_again(
    plan, admin_user, analytics_activity
):
    next_year = plan_rollover(plan=plan, by=admin_user)
    copy, source_pk = (
        next_year.activities.get(source_activity=analytics_activity),
        analytics_activity.pk,
    )
    services.activity_delete(activity=analytics_activity, by=admin_user)
    copy.refresh_from_db()
    assert copy.source_activity_id is None

    bin.bin_restore(entry=BinEntry.objects.get(plan=plan), by=admin_user)

    copy.refresh_from_db()
    assert copy.source_activity_id == source_pk


def test_a_deleted_section_is_restored_and_then_the_activities_deleted_before_it(
    plan, admin_user, apparatus_activity
):
    section, activity_pk = apparatus_activity.section, apparatus_activity.pk
    services.activity_delete(activity=apparatus_activity, by=admin_user)
    services.section_delete(section=section, by=admin_user)
    activity_entry, section_entry = (
        BinEntry.objects.get(kind="activity"),
        BinEntry.objects.get(kind="section"),
    )

    with pytest.raises(ValidationError) as refused:
        bin.bin_restore(entry=activity_entry, by=admin_user)
    assert (
        "Сначала восстановите из корзины: раздел «ВЗАИМОДЕЙСТВИЕ С ВАРМСУ»"
        in refused.value.messages[0]
    )
    assert not Activity.objects.filter(pk=activity_pk).exists()  # nothing half-restored

    bin.bin_restore(entry=section_entry, by=admin_user)
    bin.bin_restore(entry=activity_entry, by=admin_user)
    assert Activity.objects.get(pk=activity_pk).section_id == section.pk
    assert AuditEntry.objects.filter(action="plans.section.restored", object_id=section.pk).exists()


def test_a_sub_item_deleted_before_its_parent_waits_for_the_parent(
    plan, admin_user, analytics_activity
):
    child = analytics_activity.children.get()
    child_pk = child.pk
    services.activity_delete(activity=child, by=admin_user)
    services.activity_delete(activity=Activity.objects.get(pk=analytics_activity.pk), by=admin_user)
    with pytest.raises(
        ValidationError, match="Сначала восстановите из корзины: мероприятие «11 Подготовка"
    ):
        bin.bin_restore(entry=BinEntry.objects.get(object_id=child_pk), by=admin_user)


@pytest.mark.parametrize(
    "delete",
    [
        lambda plan, by: services.activity_delete(activity=plan.activities.get(number="1"), by=by),
        lambda plan, by: services.section_delete(
            section=plan.sections.get(title="АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"), by=by
        ),
    ],
    ids=["an activity", "a section with activities"],
)
def test_nothing_is_restored_into_a_plan_approved_meanwhile(plan, admin_user, delete):
    delete(plan, admin_user)
    left = sorted(plan.activities.values_list("number", flat=True))
    services.plan_approve(
        plan=Plan.objects.get(pk=plan.pk),
        by=admin_user,
        decision="решение № 1",
        approved_on=dt.date(2025, 12, 15),
    )
    with pytest.raises(ValidationError, match="План утверждён: откройте его для изменений"):
        bin.bin_restore(entry=BinEntry.objects.get(), by=admin_user)
    assert (
        BinEntry.objects.count() == 1
        and sorted(plan.activities.values_list("number", flat=True)) == left
    )


def test_the_purge_removes_entries_older_than_thirty_days_only(
    plan, admin_user, apparatus_activity, analytics_activity
):
    services.activity_delete(activity=apparatus_activity, by=admin_user)
    services.activity_delete(activity=analytics_activity, by=admin_user)
    old = BinEntry.objects.get(summary__startswith="1 ")
    BinEntry.objects.filter(pk=old.pk).update(deleted_at=timezone.now() - dt.timedelta(days=31))

    call_command("purge_bin")

    assert list(BinEntry.objects.values_list("summary", flat=True)) == [
        "11 Подготовка ежегодного доклада «О состоянии местного самоуправления в Тюменской области»"
    ]


def test_stored_files_of_bin_rows_stay_until_their_entry_is_purged(
    plan, admin_user, tyumen, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    only_in_bin = default_storage.save("reports/only-in-bin.pdf", ContentFile(b"%PDF-1.4"))
    still_used = default_storage.save("imports/still-used.docx", ContentFile(b"PK"))
    ImportedDocument.objects.create(
        organization=tyumen,
        file=still_used,
        original_name="план.docx",
        extension=".docx",
        size=2,
        sha256="0" * 64,
    )
    kept = BinEntry.objects.create(
        organization=tyumen,
        plan=plan,
        kind="activity",
        object_id=1,
        summary="отчёт",
        rows="[]",
        files=[only_in_bin, still_used],
    )
    assert bin.files_in_bin() == {only_in_bin, still_used}
    assert bin.bin_purge() == 0
    assert default_storage.exists(only_in_bin)

    BinEntry.objects.filter(pk=kept.pk).update(deleted_at=timezone.now() - dt.timedelta(days=31))
    with django_capture_on_commit_callbacks(execute=True):  # files go once the purge is committed
        assert bin.bin_purge() == 1

    assert not BinEntry.objects.exists()
    assert not default_storage.exists(only_in_bin)
    assert default_storage.exists(still_used)  # a live upload still refers to it


# --- through HTTP ----------------------------------------------------------------------------


def test_the_administrator_sees_the_bin_and_restores_from_it(
    client, admin_user, plan, analytics_activity
):
    client.force_login(admin_user)
    assert (
        client.post(reverse("plans-activity-delete", args=[analytics_activity.pk])).status_code
        == 302
    )
    entry = BinEntry.objects.get()
    page = client.get(reverse("plans-bin", args=[plan.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Подготовка ежегодного доклада" in html and "Восстановить" in html

    response = client.post(reverse("plans-bin-restore", args=[entry.pk]), follow=True)

    assert "Восстановлено" in response.content.decode()
    assert Activity.objects.filter(pk=analytics_activity.pk).exists()
    assert client.post(reverse("plans-bin-restore", args=[entry.pk])).status_code == 404


def test_only_administrators_of_the_organization_reach_the_bin(
    client, editor_user, viewer_user, stranger, plan, admin_user, apparatus_activity
):
    services.activity_delete(activity=apparatus_activity, by=admin_user)
    entry = BinEntry.objects.get()
    for user, status in [(editor_user, 403), (viewer_user, 403), (stranger, 404)]:
        client.force_login(user)
        assert client.get(reverse("plans-bin", args=[plan.pk])).status_code == status
        assert client.post(reverse("plans-bin-restore", args=[entry.pk])).status_code == status
    assert BinEntry.objects.count() == 1 and not Activity.objects.filter(number="1").exists()


def test_deleting_an_empty_section_puts_it_in_the_bin(client, admin_user, plan):
    section = services.section_create(plan=plan, title="РЕЗЕРВ", by=admin_user)
    client.force_login(admin_user)
    client.post(reverse("plans-section-delete", args=[section.pk]))
    assert not Section.objects.filter(pk=section.pk).exists()
    assert BinEntry.objects.get().summary == "РЕЗЕРВ"
