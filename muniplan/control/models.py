"""Items under control (поручения), what their executors report, and the controller's decisions.

An item's source is one nullable foreign key per kind of source: `recommendation` of a resolution now,
a meeting's decision when meetings arrive (a second nullable key and one more term in the check
constraint). Real keys rather than a GenericForeignKey: the database keeps them consistent, a
resolution's follow-up page reads items with their sources in one join, and deleting a source cascades.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from muniplan.lib.locking import Versioned


class ControlItem(Versioned):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "На исполнении"
        ON_REVIEW = "on_review", "Исполнено — на проверке"
        CLOSED = "closed", "Снято с контроля"
        RETURNED = "returned", "Возвращено на доработку"
        EXTENDED = "extended", "Срок продлён"

    OPEN = (Status.IN_PROGRESS, Status.ON_REVIEW, Status.RETURNED, Status.EXTENDED)

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="control_items"
    )
    recommendation = models.OneToOneField(
        "resolutions.Recommendation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="control_item",
    )
    text = models.TextField("поручение")
    executor_unit = models.ForeignKey(
        "accounts.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="control_items",
        verbose_name="исполнитель (подразделение)",
    )
    executor_text = models.CharField("исполнитель (как в документе)", max_length=500, blank=True)
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="controlled_items",
        verbose_name="контролёр",
    )
    deadline = models.DateField("срок исполнения")
    status = models.CharField(
        "статус", max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["organization", "status", "deadline"])]
        verbose_name = "поручение на контроле"
        verbose_name_plural = "поручения на контроле"

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("control-item", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def executor_name(self) -> str:
        return self.executor_unit.name if self.executor_unit_id else self.executor_text


class StatusChange(models.Model):
    """One change of an item's status: the item's history and the input of reports."""

    item = models.ForeignKey(ControlItem, on_delete=models.CASCADE, related_name="status_changes")
    old = models.CharField(max_length=12, choices=ControlItem.Status.choices, blank=True)
    new = models.CharField(max_length=12, choices=ControlItem.Status.choices)
    reason = models.TextField("основание", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    @property
    def line(self) -> str:
        """«28.11.2026 Снято с контроля: исполнено» — as the follow-up page and document state it."""
        on = timezone.localdate(self.created)
        return f"{on:%d.%m.%Y} {self.get_new_display()}: {self.reason}".rstrip(": ")


class ExecutionNote(models.Model):
    """What the executor did, on which date, with evidence; `reports_done` hands the item to the controller."""

    item = models.ForeignKey(ControlItem, on_delete=models.CASCADE, related_name="notes")
    done_on = models.DateField("дата исполнения")
    text = models.TextField("что сделано")
    reports_done = models.BooleanField("поручение исполнено", default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_on", "id"]


def _evidence_path(instance: Evidence, filename: str) -> str:
    # As for import originals: the stored name is the content hash, never the user's name.
    organization_id = instance.note.item.organization_id
    return f"control/{organization_id}/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class Evidence(models.Model):
    note = models.ForeignKey(ExecutionNote, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path)
    original_name = models.CharField(max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class ExtensionRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "На рассмотрении"
        GRANTED = "granted", "Продлён"
        REFUSED = "refused", "Отказано"

    item = models.ForeignKey(
        ControlItem, on_delete=models.CASCADE, related_name="extension_requests"
    )
    old_deadline = models.DateField("прежний срок")
    new_deadline = models.DateField("новый срок")
    reason = models.TextField("причина")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_comment = models.TextField("комментарий контролёра", blank=True)
    created = models.DateTimeField(auto_now_add=True)
    decided = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(state="pending"), name="control_one_pending_extension"
            ),
        ]


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A secret calendar address of one person: their own dates, or one unit's.

    The token is the only credential a calendar program sends; the feed still checks that the person
    is a member with that unit today, so a feed dies with the membership as well as when revoked.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    unit = models.ForeignKey(
        "accounts.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="control_feed_unique_unit"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(unit=None), name="control_feed_unique_personal"
            ),
        ]
