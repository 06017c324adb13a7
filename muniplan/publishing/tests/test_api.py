from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muniplan.plans import services as plan_services
from muniplan.plans.services import ActivityInput

pytestmark = pytest.mark.django_db


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_an_anonymous_caller_lists_only_published_plans(client, published_plan, tyumen, admin_user):
    plan_services.plan_create(
        organization=tyumen, year=2027, title="Проект на 2027 год", by=admin_user
    )
    assert _ids(client.get("/api/v1/plans")) == [published_plan.pk]


def test_an_anonymous_caller_gets_nothing_of_an_unpublished_plan(client, plan):
    for url in (
        f"/api/v1/plans/{plan.pk}",
        f"/api/v1/plans/{plan.pk}/activities",
        f"/api/v1/activities/{plan.activities.first().pk}",
    ):
        assert client.get(url).status_code == 404
    assert _ids(client.get("/api/v1/plans")) == []


def test_guessed_ids_give_an_anonymous_caller_only_public_activities(
    client, published_plan, tyumen, admin_user
):
    draft = plan_services.plan_create(
        organization=tyumen, year=2027, title="Проект на 2027 год", by=admin_user
    )
    section = plan_services.section_create(plan=draft, title="Раздел", by=admin_user)
    hidden = plan_services.activity_create(
        section=section, by=admin_user, data=ActivityInput(title="Закрытое")
    )
    public_ids = set(published_plan.activities.values_list("pk", flat=True))
    found = {
        pk
        for pk in range(1, hidden.pk + 10)
        if client.get(f"/api/v1/activities/{pk}").status_code == 200
    }
    assert found == public_ids
    assert client.get("/api/v1/plans/99999999999999999999999").status_code == 404
    assert client.get("/api/v1/plans?organization=99999999999999999999999").json()["items"] == []


def test_activities_carry_their_schedule_participants_and_units(client, published_plan):
    items = client.get(f"/api/v1/plans/{published_plan.pk}/activities").json()["items"]
    first = next(a for a in items if a["number"] == "1")
    assert first["schedule"] == {
        "text": "Январь-апрель\nСентябрь-декабрь",
        "months": [1, 2, 3, 4, 9, 10, 11, 12],
        "frequency": None,
        "condition": None,
        "dates": [],
        "needs_review": False,
    }
    assert first["responsible"] == ["Аппарат Совета"]
    assert first["participants"] == [{"count": 62, "category": "члены РО ВСМС"}]
    assert first["section"] == "ВЗАИМОДЕЙСТВИЕ С ВАРМСУ"
    child = next(a for a in items if a["number"] == "11.1")
    parent = next(a for a in items if a["number"] == "11")
    assert child["parent_id"] == parent["id"] and child["schedule"]["months"] == [4, 5, 6, 7, 8, 9]


def test_activities_filter_by_month(client, published_plan):
    numbers = [
        a["number"]
        for a in client.get(f"/api/v1/plans/{published_plan.pk}/activities?month=2").json()["items"]
    ]
    assert numbers == ["1"]
    response = client.get(f"/api/v1/plans/{published_plan.pk}/activities?month=13")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Неверный запрос: параметр month — номер месяца от 1 до 12."
    }


def test_a_malformed_query_is_answered_in_russian_naming_the_parameter(client, published_plan):
    response = client.get("/api/v1/plans?year=abc&organization=1")
    assert response.status_code == 422
    assert response.json() == {"detail": "Неверный запрос: параметр year: ожидается целое число."}
    response = client.get("/api/v1/plans?status=published")
    assert response.status_code == 422
    assert "статус «published» неизвестен; возможны: draft, approved" in response.json()["detail"]


def test_a_member_reads_own_drafts_and_a_stranger_does_not(
    client, plan, admin_user, viewer_user, stranger
):
    client.force_login(viewer_user)
    assert _ids(client.get("/api/v1/plans")) == [plan.pk]
    assert (
        client.get(f"/api/v1/plans/{plan.pk}").json()["sections"][0]["title"]
        == "ВЗАИМОДЕЙСТВИЕ С ВАРМСУ"
    )
    client.force_login(stranger)
    assert _ids(client.get("/api/v1/plans")) == []
    assert client.get(f"/api/v1/plans/{plan.pk}").status_code == 404
    assert client.get(f"/api/v1/plans/{plan.pk}/activities").status_code == 404


def test_a_signed_in_stranger_reads_the_published_plans_an_anonymous_caller_reads(
    client, published_plan, stranger
):
    client.force_login(stranger)
    assert _ids(client.get("/api/v1/plans")) == [published_plan.pk]
    assert client.get(f"/api/v1/plans/{published_plan.pk}").status_code == 200
    assert len(_ids(client.get(f"/api/v1/plans/{published_plan.pk}/activities"))) == 3


def test_a_federal_administrator_reads_every_plan(client, plan, federal_admin):
    client.force_login(federal_admin)
    assert _ids(client.get("/api/v1/plans")) == [plan.pk]
    assert client.get(f"/api/v1/plans/{plan.pk}").json()["activities"] == 3


def test_a_page_holds_up_to_500_items():
    from muniplan.publishing.api import Pages

    assert Pages()._get_page_size(None) == 100
    assert Pages()._get_page_size(300) == 300
    assert Pages()._get_page_size(5000) == 500


def test_lists_are_paginated(client, published_plan):
    page = client.get(f"/api/v1/plans/{published_plan.pk}/activities?page_size=2").json()
    assert page["count"] == 3 and len(page["items"]) == 2
    rest = client.get(f"/api/v1/plans/{published_plan.pk}/activities?page_size=2&page=2").json()
    assert len(rest["items"]) == 1


def test_the_activity_list_makes_the_same_number_of_queries_whatever_its_length(
    client, published_plan, admin_user
):
    url = f"/api/v1/plans/{published_plan.pk}/activities"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    plan_services.plan_reopen(plan=published_plan, by=admin_user, reason="добавление")
    section = published_plan.sections.first()
    for n in range(20):
        plan_services.activity_create(
            section=section,
            by=admin_user,
            data=ActivityInput(
                title=f"Мероприятие {n}", period_text="ежеквартально", participants=[(5, "главы")]
            ),
        )
    plan_services.plan_approve(
        plan=published_plan, by=admin_user, decision="решение № 2", approved_on=None
    )
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()["items"]) == 23
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_openapi_schema_describes_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/plans",
        "/api/v1/plans/{plan_id}",
        "/api/v1/plans/{plan_id}/activities",
        "/api/v1/activities/{activity_id}",
    } <= set(schema["paths"])
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in docs.content.decode()
    assert "cdn" not in docs.content.decode().lower()  # offline machines: nothing from a CDN
