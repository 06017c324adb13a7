from __future__ import annotations

import pytest

from .factories import tyumen_plan


@pytest.fixture
def plan(tyumen, apparatus, analytics, admin_user):
    return tyumen_plan(organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user)


@pytest.fixture
def apparatus_activity(plan):
    return plan.activities.get(number="1")


@pytest.fixture
def analytics_activity(plan):
    return plan.activities.get(number="11")
