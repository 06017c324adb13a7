"""Background export of large plans (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .models import ExportJob


@task()
def run_export_job(job_id: int) -> None:
    from .services import export_job_run

    job = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).first()
    if job is not None:  # deleted with its plan, or taken by another worker
        export_job_run(job=job)
