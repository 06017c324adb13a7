from __future__ import annotations

from django.conf import settings
from django.db import models


def _letterhead_path(instance: Letterhead, filename: str) -> str:
    return f"letterheads/{instance.organization_id}/{instance.sha256}.docx"


class Letterhead(models.Model):
    """An organization's own Word form with docxtpl placeholders; plan exports to Word use it
    while it renders, and fall back to the default layout (with `error` shown) when it does not."""

    organization = models.OneToOneField(
        "accounts.Organization", on_delete=models.CASCADE, related_name="letterhead"
    )
    file = models.FileField(upload_to=_letterhead_path)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    error = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.original_name


def _export_path(instance: ExportJob, filename: str) -> str:
    # the name is already the job's own («17.pdf»): no folder per job to leave behind when purged
    return f"exports/{instance.organization_id}/{filename}"


class ExportJob(models.Model):
    """A large plan's export made in the background (django-tasks): the person watches its page
    until the file is ready; only they may see it or fetch the file (`access.py`)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "В очереди"
        RUNNING = "running", "Готовится"
        DONE = "done", "Готов"
        FAILED = "failed", "Ошибка"

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="export_jobs")
    format = models.CharField(max_length=8)
    layout = models.CharField(max_length=32, blank=True)
    section_id = models.IntegerField(null=True, blank=True)
    unit_id = models.IntegerField(null=True, blank=True)
    base_url = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    activities = models.PositiveIntegerField(default=0)  # the size, shown while waiting
    file = models.FileField(upload_to=_export_path, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=128, blank=True)
    warning = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.plan} → {self.format}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
