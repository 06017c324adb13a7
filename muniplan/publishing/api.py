"""The read-only JSON API of plans, activities and their schedules (django-ninja, OpenAPI at /api/v1/).

The same visibility as the pages: a signed-in user (the session cookie) reads what their roles
allow; an anonymous caller only published plans. Anything else is 404, never 403, so ids of other
organizations' plans are not disclosed. Lists are paginated with a fixed number of queries per page.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import PageNumberPagination, paginate

from muniplan.plans.models import TABLE_ORDER, Activity, Plan

from .selectors import api_activities, readable_plans

api = NinjaAPI(
    title="MuniPlan API",
    version="1",
    urls_namespace="api",
    description="Планы работы, мероприятия и их сроки. Только чтение. Без входа в систему — только "
    "опубликованные утверждённые планы; с входом — то, что разрешает роль пользователя.",
)


# Ids beyond the database's integer range are simply not there (and must not reach the database).
MAX_ID = 2**63 - 1


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Не найдено."}, status=404)


# pydantic's error types for what a caller can get wrong in a query, in the words of the API's users
_INVALID = {
    "int_parsing": "ожидается целое число",
    "int_from_float": "ожидается целое число",
    "missing": "обязательный параметр",
    "greater_than_equal": "слишком малое значение",
    "less_than_equal": "слишком большое значение",
}


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """422 with one Russian sentence naming each parameter, in the shape of the other errors."""
    problems = [
        f"параметр {error['loc'][-1]}: {_INVALID.get(error['type'], error['msg'])}"
        for error in exc.errors
    ]
    detail = "Неверный запрос: " + "; ".join(problems) + "."
    return api.create_response(request, {"detail": detail}, status=422)


class Pages(PageNumberPagination):
    def __init__(self, **kwargs):
        super().__init__(page_size=100, max_page_size=500, **kwargs)


class FrequencyOut(Schema):
    per: str
    min: int


class ScheduleOut(Schema):
    text: str
    months: list[int]
    frequency: FrequencyOut | None
    condition: str | None
    dates: list[str]
    needs_review: bool


class ParticipantsOut(Schema):
    count: int | None
    category: str


class PlanOut(Schema):
    id: int
    organization: str
    organization_id: int
    year: int
    title: str
    status: str
    approved_on: dt.date | None
    approval_decision: str
    activities: int

    @staticmethod
    def resolve_organization(plan: Plan) -> str:
        return plan.organization.name

    @staticmethod
    def resolve_activities(plan: Plan) -> int:
        return plan.activity_count


class SectionOut(Schema):
    id: int
    position: int
    title: str


class PlanDetailOut(PlanOut):
    notes: str
    sections: list[SectionOut]

    @staticmethod
    def resolve_sections(plan: Plan) -> list:
        return list(plan.sections.all())


class ActivityOut(Schema):
    """Made from `selectors.api_activities`' plain values."""

    id: int
    plan_id: int
    section_id: int
    section: str
    parent_id: int | None
    number: str
    title: str
    description: str
    schedule: ScheduleOut
    responsible: list[str]
    responsible_text: str
    funding: str
    participants: list[ParticipantsOut]
    partners: list[str]
    location: str
    format: str


class ActivityPages(Pages):
    """A page of activities, read as the API's values in one go (three queries a page)."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        page[self.items_attribute] = api_activities(page[self.items_attribute])
        return page


def _plans(request: HttpRequest) -> QuerySet[Plan]:
    plans = readable_plans(request.user)
    if "activity_count" not in plans.query.annotations:
        plans = plans.annotate(activity_count=Count("activities"))
    return plans


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    plan = _plans(request).filter(pk=plan_id).first() if 0 < plan_id <= MAX_ID else None
    if plan is None:
        raise Http404("План не найден.")
    return plan


def _activities(plans: QuerySet[Plan]) -> QuerySet[Activity]:
    return Activity.objects.filter(plan__in=plans.values("pk")).order_by("plan_id", *TABLE_ORDER)


@api.get("/plans", response=list[PlanOut], summary="Планы, доступные вызывающему")
@paginate(Pages)
def plan_list(
    request: HttpRequest,
    organization: int | None = None,
    year: int | None = None,
    status: str | None = None,
):
    plans = _plans(request)
    if organization is not None and not 0 < organization <= MAX_ID:
        return plans.none()
    if organization is not None:
        plans = plans.filter(organization_id=organization)
    if year is not None:
        plans = plans.filter(year=year)
    if status and status not in Plan.Status.values:
        known = ", ".join(Plan.Status.values)
        raise HttpError(422, f"Неверный запрос: статус «{status}» неизвестен; возможны: {known}.")
    if status:
        plans = plans.filter(status=status)
    return plans


@api.get("/plans/{plan_id}", response=PlanDetailOut, summary="План с разделами")
def plan_detail(request: HttpRequest, plan_id: int):
    return _plan(request, plan_id)


@api.get(
    "/plans/{plan_id}/activities",
    response=list[ActivityOut],
    summary="Мероприятия плана со сроками",
)
@paginate(ActivityPages)
def plan_activities(request: HttpRequest, plan_id: int, month: int | None = None):
    activities = _activities(_plans(request).filter(pk=_plan(request, plan_id).pk))
    if month is not None:
        if not 1 <= month <= 12:
            raise HttpError(422, "Неверный запрос: параметр month — номер месяца от 1 до 12.")
        activities = activities.annotate(
            month_bit=F("months_mask").bitand(1 << (month - 1))
        ).filter(month_bit__gt=0)
    return activities


@api.get("/activities/{activity_id}", response=ActivityOut, summary="Одно мероприятие")
def activity_detail(request: HttpRequest, activity_id: int):
    found = (
        api_activities(_activities(_plans(request)).filter(pk=activity_id))
        if 0 < activity_id <= MAX_ID
        else []
    )
    if not found:
        raise Http404("Мероприятие не найдено.")
    return found[0]
