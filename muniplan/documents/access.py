"""Who may see a background export: only the person who started it (404 for anyone else, as for a
stranger's plan), and only while they may still read its plan."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from muniplan.plans.access import get_plan_for_user

from .models import ExportJob


def get_export_job_for_user(user, pk: int) -> ExportJob:
    job = get_object_or_404(ExportJob.objects.select_related("plan"), pk=pk)
    if job.created_by_id is None or job.created_by_id != user.pk:
        raise Http404("Не найдено.")
    get_plan_for_user(user, job.plan_id)  # a starter who has left the organization gets 404 too
    return job
