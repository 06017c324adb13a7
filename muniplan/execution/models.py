"""What was done: execution reports on activities, and status overrides with their reasons."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from muniplan.lib.locking import Versioned
from muniplan.periods.lexicon import MONTH_NAMES
from muniplan.plans.models import ParticipantGroup


class Status(models.TextChoices):
    """An activity's status in its plan year (derived in `status.py`, or set by a person)."""

    PLANNED = "planned", "запланировано"
    IN_PROGRESS = "in_progress", "выполняется"
    DONE = "done", "выполнено"
    OVERDUE = "overdue", "просрочено"
    CANCELLED = "cancelled", "отменено"
    MOVED = "moved", "перенесено"


class ExecutionReport(Versioned):
    """A report of what was done for one activity or sub-activity; an activity has several.

    `organization` and `plan` repeat the activity's so that access checks and dashboards filter
    reports without joining through the plan.
    """

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="reports")
    activity = models.ForeignKey("plans.Activity", on_delete=models.CASCADE, related_name="reports")
    done_on = models.DateField("дата проведения (или начала)")
    done_until = models.DateField("окончание (если период)", null=True, blank=True)
    text = models.TextField("что сделано")
    municipalities = models.TextField("охваченные муниципальные образования", blank=True)
    links = models.JSONField("ссылки", default=list, blank=True)
    # folded text and municipalities, for search on every database (see muniplan/lib/search.py)
    search_text = models.TextField(blank=True, default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-done_on", "-id"]
        # Covering the columns statuses read, so the dashboards never visit the table itself.
        indexes = [
            models.Index(
                fields=["activity", "done_on", "done_until"], name="report_activity_dates"
            ),
            models.Index(
                fields=["plan", "activity", "done_on", "done_until"], name="report_plan_dates"
            ),
            models.Index(fields=["organization", "done_on"], name="report_organization_day"),
            models.Index(fields=["done_on", "organization"], name="report_day_organization"),
        ]
        verbose_name = "отчёт об исполнении"
        verbose_name_plural = "отчёты об исполнении"

    def __str__(self) -> str:
        return f"{self.activity} — {self.done_on:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("execution-report-detail", args=[self.pk])


class ReportParticipation(ParticipantGroup):
    """Actual participants: the same shape as the planned ones (`plans.Participation`)."""

    report = models.ForeignKey(
        ExecutionReport, on_delete=models.CASCADE, related_name="participations"
    )


class QuotaDelivery(models.Model):
    """How many items of one kind a report delivers («новость» × 2) towards the activity's quotas."""

    report = models.ForeignKey(ExecutionReport, on_delete=models.CASCADE, related_name="deliveries")
    item = models.CharField("что (в именительном падеже)", max_length=60)
    count = models.PositiveIntegerField("сколько")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.item}: {self.count}"


def _attachment_path(instance: ReportAttachment, filename: str) -> str:
    # As with import originals: the stored name is the content's hash, never the user's name.
    return f"reports/{instance.organization_id}/{instance.sha256[:2]}/{instance.sha256}{instance.extension}"


class ReportAttachment(models.Model):
    """A photo or document attached to a report; served only through an access-checked view."""

    report = models.ForeignKey(
        ExecutionReport, on_delete=models.CASCADE, related_name="attachments"
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(upload_to=_attachment_path)
    original_name = models.CharField(max_length=255)
    extension = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class StatusOverride(models.Model):
    """A person set an activity's status by hand: its own row (old, new, reason, who, when).

    The latest row of an activity is in force. `new` is empty when the person returned the activity
    to its derived status. Moved with `moved_to_month` set: to that month of the plan year; moved
    without it: to the next year (the roll-over carries it with a mark).
    """

    activity = models.ForeignKey(
        "plans.Activity", on_delete=models.CASCADE, related_name="status_overrides"
    )
    old = models.CharField("было", max_length=12, choices=Status.choices)
    new = models.CharField("стало", max_length=12, choices=Status.choices, blank=True)
    moved_to_month = models.PositiveSmallIntegerField("перенесено на месяц", null=True, blank=True)
    reason = models.TextField("причина")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["activity", "created"])]

    def __str__(self) -> str:
        return f"{self.activity}: {self.old} → {self.new or 'авто'}"

    @property
    def to_next_year(self) -> bool:
        return self.new == Status.MOVED and self.moved_to_month is None

    @property
    def label(self) -> str:
        if not self.new:
            return "рассчитывается автоматически"
        if self.new == Status.MOVED:
            return (
                f"перенесено на {MONTH_NAMES[self.moved_to_month - 1]}"
                if self.moved_to_month
                else "перенесено на следующий год"
            )
        return Status(self.new).label
