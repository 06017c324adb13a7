"""`muniplan purge_exports` removes background exports older than 7 days with their files, and nothing else."""

from __future__ import annotations

import os
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from muniplan.documents.models import ExportJob
from muniplan.documents.services import export_job_start

from .conftest import load_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(tyumen):
    return load_seed("tyumen_2026__tab_text.txt", organization=tyumen)


def _job(plan, user, *, finished_days_ago: int | None, created_days_ago: int) -> ExportJob:
    """A finished export (with its file), or one a worker never finished when `finished_days_ago` is None."""
    if finished_days_ago is None:
        job = ExportJob.objects.create(
            organization=plan.organization, plan=plan, format="pdf", created_by=user
        )
    else:
        job = export_job_start(plan=plan, fmt="xlsx", by=user)
        assert Path(job.file.path).exists()
    now = timezone.now()
    ExportJob.objects.filter(pk=job.pk).update(
        created=now - timedelta(days=created_days_ago),
        finished=None if finished_days_ago is None else now - timedelta(days=finished_days_ago),
    )
    return job


def test_old_and_abandoned_exports_go_with_their_files_and_recent_ones_stay(plan, admin_user):
    old = _job(plan, admin_user, finished_days_ago=8, created_days_ago=8)
    failed = _job(plan, admin_user, finished_days_ago=30, created_days_ago=30)
    ExportJob.objects.filter(pk=failed.pk).update(status=ExportJob.Status.FAILED)
    abandoned = _job(plan, admin_user, finished_days_ago=None, created_days_ago=9)
    recent = _job(plan, admin_user, finished_days_ago=6, created_days_ago=9)
    waiting = _job(plan, admin_user, finished_days_ago=None, created_days_ago=1)
    old_files = [Path(old.file.path), Path(failed.file.path)]

    out = StringIO()
    call_command("purge_exports", stdout=out)

    assert "Удалено фоновых выгрузок: 3." in out.getvalue()
    assert set(ExportJob.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not any(path.exists() for path in old_files)
    assert not abandoned.file
    assert Path(recent.file.path).read_bytes()[:2] == b"PK"  # the .xlsx is still there, whole


def test_a_shorter_age_can_be_given(plan, admin_user):
    _job(plan, admin_user, finished_days_ago=3, created_days_ago=3)
    call_command("purge_exports", "--days", "7", stdout=StringIO())
    assert ExportJob.objects.count() == 1
    call_command("purge_exports", "--days", "2", stdout=StringIO())
    assert not ExportJob.objects.exists()


def test_files_of_exports_deleted_with_their_plan_go_once_old(plan, admin_user):
    """Deleting a plan (in the admin) removes its export rows by cascade but not their files; the purge finds those files by name and removes them once they are as old as a job."""
    old = Path(_job(plan, admin_user, finished_days_ago=1, created_days_ago=1).file.path)
    new = Path(_job(plan, admin_user, finished_days_ago=0, created_days_ago=0).file.path)
    plan.delete()
    assert not ExportJob.objects.exists() and old.exists() and new.exists()
    eight_days_ago = (timezone.now() - timedelta(days=8)).timestamp()
    os.utime(old, (eight_days_ago, eight_days_ago))

    out = StringIO()
    call_command("purge_exports", stdout=out)

    assert "Удалено файлов выгрузок удалённых планов: 1." in out.getvalue()
    assert not old.exists()
    assert new.read_bytes()[:2] == b"PK"  # still written recently: perhaps a job about to record it
