"""Entries written before `activity_id` existed are filed under their activities by the migration."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from muniplan.execution.models import ExecutionReport
from muniplan.plans.tests.factories import tyumen_plan

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("audit", "0001_initial"), ("execution", "0003_report_search_text")]
AFTER = [("audit", "0002_activity_id")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_entries_of_an_activity_and_of_its_existing_report_are_filed_under_it(
    tyumen, apparatus, analytics, admin_user
):
    plan = tyumen_plan(organization=tyumen, apparatus=apparatus, analytics=analytics, by=admin_user)
    activity = plan.activities.get(number="1")
    report = ExecutionReport.objects.create(
        organization=tyumen, plan=plan, activity=activity, done_on=dt.date(2026, 2, 2)
    )
    apps = migrate(BEFORE)
    try:
        Entry = apps.get_model("audit", "AuditEntry")
        own = Entry.objects.create(action="a", object_type="activity", object_id=activity.pk)
        of_report = Entry.objects.create(
            action="r", object_type="executionreport", object_id=report.pk
        )
        of_gone_report = Entry.objects.create(
            action="d", object_type="executionreport", object_id=report.pk + 1000
        )
        of_plan = Entry.objects.create(action="p", object_type="plan", object_id=plan.pk)
    finally:
        apps = migrate(AFTER)
    filed = dict(
        apps.get_model("audit", "AuditEntry")
        .objects.filter(action__in=["a", "r", "d", "p"])
        .values_list("pk", "activity_id")
    )
    assert filed == {
        own.pk: activity.pk,
        of_report.pk: activity.pk,
        of_gone_report.pk: None,  # a report deleted before the field: its activity is not known
        of_plan.pk: None,
    }
