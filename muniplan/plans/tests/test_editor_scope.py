"""An editor acts only where every activity their action touches belongs to one of their units."""

from __future__ import annotations

import pytest
from django.urls import reverse

from muniplan.lib.tests.forms import form_data
from muniplan.plans import services
from muniplan.plans.models import Activity
from muniplan.plans.services import ActivityInput

pytestmark = pytest.mark.django_db


@pytest.fixture
def apparatus_sub_item(analytics_activity, admin_user, apparatus) -> Activity:
    """A sub-item of the analytical department's report that the council's apparatus is responsible for."""
    return services.activity_create(
        section=analytics_activity.section,
        parent=analytics_activity,
        by=admin_user,
        data=ActivityInput(
            number="11.2", title="Согласование доклада с Аппаратом", responsible_units=[apparatus]
        ),
    )


def test_editor_cannot_delete_an_activity_whose_sub_items_belong_to_another_unit(
    client, editor_user, analytics_activity, apparatus_sub_item
):
    client.force_login(editor_user)
    url = reverse("plans-activity-delete", args=[analytics_activity.pk])
    assert client.get(url).status_code == 403
    response = client.post(url)
    assert response.status_code == 403
    assert "11.2" in response.content.decode()
    assert (
        Activity.objects.filter(pk__in=[analytics_activity.pk, apparatus_sub_item.pk]).count() == 2
    )


def test_editor_cannot_move_an_activity_whose_sub_items_belong_to_another_unit(
    client, editor_user, plan, analytics_activity, apparatus_sub_item
):
    client.force_login(editor_user)
    other_section = plan.sections.get(title="ВЗАИМОДЕЙСТВИЕ С ВАРМСУ")
    response = client.post(
        reverse("plans-activity-move", args=[analytics_activity.pk]),
        {"section": other_section.pk, "position": 1},
    )
    assert response.status_code == 403
    apparatus_sub_item.refresh_from_db()
    assert apparatus_sub_item.section.title == "АНАЛИТИЧЕСКОЕ НАПРАВЛЕНИЕ"


def test_editor_deletes_an_activity_whose_sub_items_are_all_of_their_unit(
    client, editor_user, analytics_activity
):
    client.force_login(editor_user)
    assert (
        client.post(reverse("plans-activity-delete", args=[analytics_activity.pk])).status_code
        == 302
    )
    assert not Activity.objects.filter(number__startswith="11").exists()


def test_an_administrator_deletes_an_activity_with_sub_items_of_any_unit(
    client, admin_user, analytics_activity, apparatus_sub_item
):
    client.force_login(admin_user)
    assert (
        client.post(reverse("plans-activity-delete", args=[analytics_activity.pk])).status_code
        == 302
    )
    assert not Activity.objects.filter(pk=apparatus_sub_item.pk).exists()


def test_editor_saving_a_shared_activity_keeps_the_other_unit(
    client, editor_user, analytics_activity, apparatus, analytics
):
    analytics_activity.responsible_units.set([analytics, apparatus])
    client.force_login(editor_user)
    url = reverse("plans-activity-edit", args=[analytics_activity.pk])
    page = client.get(url)
    # the editor's form offers only their own unit, so that is the only box a browser can send
    sent = form_data(page, title="Доклад о МСУ", responsible_units=[str(analytics.pk)])

    assert client.post(url, sent).status_code == 302

    analytics_activity.refresh_from_db()
    assert analytics_activity.title == "Доклад о МСУ"
    assert set(analytics_activity.responsible_units.all()) == {analytics, apparatus}
    assert "Также отвечают: Аппарат Совета" in page.content.decode()


def test_editor_cannot_add_a_sub_item_under_another_units_activity(
    client, editor_user, plan, apparatus_activity, analytics
):
    client.force_login(editor_user)
    url = reverse("plans-activity-create", args=[plan.pk])

    response = client.post(
        url,
        {
            "section": apparatus_activity.section_id,
            "parent": apparatus_activity.pk,
            "title": "Подпункт чужого мероприятия",
            "responsible_units": [analytics.pk],
        },
    )

    assert not apparatus_activity.children.exists()
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    page = client.get(url, {"parent": apparatus_activity.pk})
    assert (
        page.context["form"]["parent"].value() is None
    )  # the other unit's activity is not offered
    offered = [int(str(pk)) for pk, _ in page.context["form"].fields["parent"].choices if pk]
    assert offered == [plan.activities.get(number="11").pk]


def test_editor_adds_a_sub_item_under_their_own_units_activity(
    client, editor_user, plan, analytics_activity, analytics
):
    client.force_login(editor_user)
    response = client.post(
        reverse("plans-activity-create", args=[plan.pk]),
        {
            "section": analytics_activity.section_id,
            "parent": analytics_activity.pk,
            "title": "Сбор данных муниципалитетов",
            "responsible_units": [analytics.pk],
        },
    )
    assert response.status_code == 302
    assert analytics_activity.children.filter(title="Сбор данных муниципалитетов").exists()


def test_an_editor_refused_on_a_shared_activity_is_shown_only_what_really_differs(
    client, admin_user, editor_user, analytics_activity, apparatus, analytics
):
    from django.test import Client

    analytics_activity.responsible_units.set([analytics, apparatus])
    url = reverse("plans-activity-edit", args=[analytics_activity.pk])
    admin = Client()
    admin.force_login(admin_user)
    client.force_login(editor_user)
    admin_page, editor_page = admin.get(url), client.get(url)
    assert (
        admin.post(url, form_data(admin_page, title="Доклад (правка администратора)")).status_code
        == 302
    )

    refused = client.post(
        url,
        form_data(editor_page, description="Правка отдела", responsible_units=[str(analytics.pk)]),
    )

    assert [row.label for row in refused.context["conflict"]] == [
        "Наименование мероприятия",
        "Характеристика мероприятия",
    ]
    analytics_activity.refresh_from_db()
    assert set(analytics_activity.responsible_units.all()) == {analytics, apparatus}
