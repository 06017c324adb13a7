from __future__ import annotations

import datetime as dt

import pytest

from muniplan.plans import services as plan_services
from muniplan.plans.tests.factories import tyumen_plan
from muniplan.publishing import services


@pytest.fixture
def plan(tyumen, apparatus, analytics, admin_user):
    return tyumen_plan(organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user)


@pytest.fixture
def published_plan(plan, admin_user):
    plan_services.plan_approve(
        plan=plan,
        by=admin_user,
        decision="решением Президиума № 12",
        approved_on=dt.date(2025, 12, 15),
    )
    services.plan_publish(plan=plan, by=admin_user)
    return plan
