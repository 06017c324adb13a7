from __future__ import annotations

from django.conf import settings
from django.db import models


def _upload_path(instance: ImportedDocument, filename: str) -> str:
    # The stored name is not the user's: it cannot collide or walk out of the folder.
    return f"imports/{instance.organization_id}/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class ImportBatch(models.Model):
    """Several documents uploaded at once (a ZIP or many files), read in the background; each
    is then confirmed or dropped on its own."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="import_batches"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=255)  # the ZIP's name, or «N файлов»
    skipped = models.JSONField(
        default=list, blank=True
    )  # entries of the upload that are not documents
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.name


class ImportedDocument(models.Model):
    """An uploaded document, kept as it came, with what the reader understood of it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Читается"
        FAILED = "failed", "Не прочитан"
        MAPPING = "mapping", "Нужно указать столбцы"
        PREVIEW = "preview", "Ожидает подтверждения"
        CONFIRMED = "confirmed", "Загружен"

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to=_upload_path)
    original_name = models.CharField(max_length=255)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    kind = models.CharField(max_length=20, blank=True)  # plan, resolution
    draft = models.JSONField(null=True, blank=True)
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    resolution = models.ForeignKey(
        "resolutions.Resolution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.original_name
