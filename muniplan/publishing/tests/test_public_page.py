from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from muniplan.audit.models import AuditEntry
from muniplan.plans import services as plan_services
from muniplan.plans.models import Plan
from muniplan.publishing import services

from .conftest import approve_and_publish

pytestmark = pytest.mark.django_db


def test_a_published_approved_plan_is_readable_without_signing_in(client, published_plan):
    response = client.get(reverse("publishing-plan", args=[published_plan.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Участие представителей Тюменской области" in text
    assert "Рассылка модельной формы доклада" in text
    assert "решением Президиума № 12" in text


def test_the_public_page_names_no_people(client, published_plan, admin_user):
    text = client.get(reverse("publishing-plan", args=[published_plan.pk])).content.decode()
    assert admin_user.username not in text
    assert admin_user.first_name not in text
    assert "История" not in text


def test_a_draft_or_unmarked_plan_has_no_public_page(client, plan, admin_user):
    assert client.get(reverse("publishing-plan", args=[plan.pk])).status_code == 404
    plan_services.plan_approve(plan=plan, by=admin_user, decision="решение № 1", approved_on=None)
    assert client.get(reverse("publishing-plan", args=[plan.pk])).status_code == 404


def test_reopening_a_published_plan_takes_it_off_the_public_page(
    client, published_plan, admin_user
):
    plan_services.plan_reopen(plan=published_plan, by=admin_user, reason="уточнение сроков")
    assert client.get(reverse("publishing-plan", args=[published_plan.pk])).status_code == 404
    # the organization's page, linked from the council's website, stays and says why it is empty
    page = client.get(reverse("publishing-organization", args=[published_plan.organization_id]))
    assert page.status_code == 200
    assert "Опубликованных планов сейчас нет" in page.content.decode()
    services.plan_unpublish(plan=published_plan, by=admin_user)
    page = client.get(reverse("publishing-organization", args=[published_plan.organization_id]))
    assert page.status_code == 404  # nothing marked public any more: no public page


def test_guessed_public_urls_find_only_the_published_plan(
    client, published_plan, tyumen, admin_user
):
    other = plan_services.plan_create(
        organization=tyumen, year=2027, title="Проект плана на 2027 год", by=admin_user
    )
    found = [
        pk
        for pk in range(1, other.pk + 20)
        if client.get(reverse("publishing-plan", args=[pk])).status_code == 200
    ]
    assert found == [published_plan.pk]
    assert client.get("/public/plans/99999999999999999999999/").status_code == 404


def test_an_organization_page_lists_its_published_plans_only(
    client, published_plan, tyumen, tula, admin_user
):
    plan_services.plan_create(
        organization=tyumen, year=2027, title="Проект плана на 2027 год", by=admin_user
    )
    response = client.get(reverse("publishing-organization", args=[tyumen.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("План на ") == 1
    assert client.get(reverse("publishing-organization", args=[tula.pk])).status_code == 404


def test_an_administrator_publishes_and_withdraws_a_plan_with_history(client, plan, admin_user):
    plan_services.plan_approve(plan=plan, by=admin_user, decision="решение № 1", approved_on=None)
    client.force_login(admin_user)
    client.post(reverse("publishing-plan-publication", args=[plan.pk]), {"public": "1"})
    assert client.get(reverse("publishing-plan", args=[plan.pk])).status_code == 200
    client.post(reverse("publishing-plan-publication", args=[plan.pk]), {"public": "0"})
    client.logout()
    assert client.get(reverse("publishing-plan", args=[plan.pk])).status_code == 404
    actions = list(AuditEntry.objects.filter(plan_id=plan.pk).values_list("action", flat=True))
    assert "publishing.plan.published" in actions and "publishing.plan.unpublished" in actions


def test_a_draft_cannot_be_published(plan, admin_user):
    with pytest.raises(Exception, match="только утверждённый"):
        services.plan_publish(plan=plan, by=admin_user)
    assert not Plan.objects.filter(publication__isnull=False).exists()


@pytest.mark.parametrize("who", ["editor_user", "viewer_user", "stranger"])
def test_only_the_organizations_administrator_publishes(client, request, plan, admin_user, who):
    plan_services.plan_approve(plan=plan, by=admin_user, decision="решение № 1", approved_on=None)
    client.force_login(request.getfixturevalue(who))
    response = client.post(reverse("publishing-plan-publication", args=[plan.pk]), {"public": "1"})
    assert response.status_code == (404 if who == "stranger" else 403)
    assert client.get(reverse("publishing-plan", args=[plan.pk])).status_code == 404


def test_the_public_page_says_by_which_decision_the_plan_was_approved(client, plan, admin_user):
    approve_and_publish(
        plan, admin_user, "решение Правления от 20.12.2025 № 5", dt.date(2025, 12, 20)
    )
    html = client.get(reverse("publishing-plan", args=[plan.pk])).content.decode()
    assert '<p class="approval">УТВЕРЖДЁН решением Правления от 20.12.2025 № 5</p>' in html


def test_a_plan_naming_no_one_responsible_has_no_empty_column(client, tula, admin_user):
    from muniplan.documents.tests.conftest import load_seed

    plan = load_seed("tula_2024__month_grid_text.txt", organization=tula)
    approve_and_publish(plan, admin_user, "решение Правления № 5", dt.date(2023, 12, 20))
    html = client.get(reverse("publishing-plan", args=[plan.pk])).content.decode()
    assert "Мониторинг нормативно-правовых актов" in html
    assert "Ответственный" not in html and 'colspan="3"' in html
