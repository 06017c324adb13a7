from __future__ import annotations

import datetime as dt

import pytest

from muniplan.plans import services as plan_services
from muniplan.plans.tests.factories import tyumen_plan
from muniplan.publishing import services


@pytest.fixture
def plan(tyumen, apparatus, analytics, admin_user):
    return tyumen_plan(organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user)


def approve_and_publish(plan, by, decision: str, approved_on: dt.date):
    plan_services.plan_approve(plan=plan, by=by, decision=decision, approved_on=approved_on)
    services.plan_publish(plan=plan, by=by)
    return plan


@pytest.fixture
def published_plan(plan, admin_user):
    return approve_and_publish(plan, admin_user, "решением Президиума № 12", dt.date(2025, 12, 15))
