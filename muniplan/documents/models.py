from __future__ import annotations

from django.conf import settings
from django.db import models


def _letterhead_path(instance: Letterhead, filename: str) -> str:
    return f"letterheads/{instance.organization_id}/{instance.sha256}.docx"


class Letterhead(models.Model):
    """An organization's own Word form with docxtpl placeholders; plan exports to Word use it
    while it renders, and fall back to the default layout (with `error` shown) when it does not."""

    organization = models.OneToOneField("accounts.Organization", on_delete=models.CASCADE, related_name="letterhead")
    file = models.FileField(upload_to=_letterhead_path)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    error = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.original_name
