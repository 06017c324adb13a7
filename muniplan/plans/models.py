from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from muniplan.lib.locking import Versioned
from muniplan.periods.schedule import mask_to_months

MONTH_SHORT = ["янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]


class Plan(Versioned):
    class Status(models.TextChoices):
        DRAFT = "draft", "Проект"
        APPROVED = "approved", "Утверждён"
        ARCHIVED = "archived", "В архиве"

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField("год")
    title = models.TextField("заголовок (как в документе)")
    status = models.CharField("статус", max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_on = models.DateField("дата утверждения", null=True, blank=True)
    approval_decision = models.CharField(
        "решение об утверждении",
        max_length=300,
        blank=True,
        help_text="Например: решение Президиума от 15.12.2025 № 12",
    )
    notes = models.TextField("заметки составителя", blank=True)
    source_plan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rollovers",
        verbose_name="план-источник",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization__name", "-year", "id"]
        indexes = [models.Index(fields=["organization", "year"])]

    def __str__(self) -> str:
        return f"{self.organization} — {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("plans-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def heading(self) -> str:
        """The title as the document has it; a plan read from a table with no title line gets one."""
        return self.title.strip() or f"План работы на {self.year} год"

    @property
    def source_documents(self) -> list:
        """The documents the plan was loaded from: confirmed imports of a whole plan. An edited
        Excel export (kind «plan_update») changes a plan, it is not its source; nor is a preview
        nobody confirmed. Filtered here so the plan list's prefetch of `imports` serves it."""
        return [
            d for d in self.imports.all() if d.status == "confirmed" and d.kind != "plan_update"
        ]

    @property
    def approval_phrase(self) -> str:
        """What follows «УТВЕРЖДЁН»: «решением Президиума от 15.12.2025 № 12» (the decision as typed,
        put in the instrumental case, with the date unless it has one); empty for a draft."""
        if self.status == self.Status.DRAFT or not self.approval_decision.strip():
            return ""
        decision = self.approval_decision.strip()
        if decision.lower().startswith("решение "):
            decision = "решением " + decision[len("решение ") :]
        if self.approved_on and " от " not in f" {decision} ":
            decision += f" от {self.approved_on:%d.%m.%Y}"
        return decision


class Section(Versioned):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField("название раздела (как в документе)", max_length=500)

    class Meta:
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Activity(Versioned):
    """One numbered activity of a plan; a sub-item («11.1») has a parent and a position among its
    siblings, so ordering by position alone interleaves parents and sub-items: see TABLE_ORDER."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activities")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="activities")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)
    number = models.CharField("№", max_length=20, blank=True)
    title = models.TextField("наименование мероприятия")
    description = models.TextField("характеристика / краткое описание", blank=True)
    location = models.CharField("место проведения", max_length=300, blank=True)
    format = models.CharField("формат", max_length=60, blank=True, help_text="очно, ВКС, …")
    responsible_units = models.ManyToManyField(
        "accounts.Unit",
        blank=True,
        related_name="activities",
        verbose_name="ответственные исполнители",
    )
    responsible_text = models.CharField(
        "ответственный (иное)",
        max_length=300,
        blank=True,
        help_text="Лицо или орган, не заведённый как подразделение",
    )
    partners = models.JSONField("партнёры", default=list, blank=True)
    funding_text = models.CharField("финансовое обеспечение", max_length=300, blank=True)
    funding_amount = models.DecimalField(
        "сумма, руб.", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The schedule: the period as written plus its structured reading.
    period_text = models.TextField("период (как в документе)", blank=True)
    months_mask = models.PositiveIntegerField("месяцы", default=0)  # bit m-1 set for month m
    frequency_per = models.CharField("периодичность", max_length=10, blank=True)
    frequency_min = models.PositiveSmallIntegerField("не реже (раз)", null=True, blank=True)
    condition = models.CharField(
        "условие", max_length=30, blank=True
    )  # codes: muniplan/periods/conditions.py
    dates = models.JSONField("даты", default=list, blank=True)
    period_needs_review = models.BooleanField("период требует проверки", default=False)
    needs_review = models.JSONField("поля, требующие проверки", default=list, blank=True)
    search_text = models.TextField(
        blank=True, editable=False
    )  # folded copy for search, see muniplan.lib.search
    source_activity = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name="мероприятие-источник",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["section__position", "position", "id"]
        indexes = [models.Index(fields=["plan", "section", "position"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    @property
    def months(self) -> list[int]:
        return mask_to_months(self.months_mask)

    def has_month(self, month: int) -> bool:
        return bool(self.months_mask & (1 << (month - 1)))


# Activities as the plan's table lists them, in SQL (pages of the API, documents): by section, each
# activity followed by its sub-items, which are numbered among themselves from the start again.
TABLE_ORDER = (
    "section__position",
    Coalesce("parent__position", "position"),
    Coalesce("parent_id", "id"),
    F("parent_id").asc(nulls_first=True),
    "position",
    "id",
)


class ParticipantGroup(models.Model):
    """A count of participants (when given) and their category as written: «члены РО ВСМС 62 человек»."""

    position = models.PositiveSmallIntegerField(default=0)
    count = models.PositiveIntegerField("количество", null=True, blank=True)
    category = models.CharField("категория участников", max_length=300)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.category} {self.count} человек" if self.count else self.category


class Participation(ParticipantGroup):
    """Planned participants of an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")


class PlanReopening(models.Model):
    """An approved plan was reopened for changes: the reason is part of the plan's record."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reopenings")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField("причина")
    previous_decision = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]


class BinEntry(models.Model):
    """Everything one delete removed (an activity with its sub-activities, or a section), kept for restore.

    The rows are kept as Django's JSON serialization with their primary keys, whatever app they belong
    to, so a restore brings back each row as it was. See `muniplan/plans/bin.py`.
    """

    class Kind(models.TextChoices):
        ACTIVITY = "activity", "Мероприятие"
        SECTION = "section", "Раздел"

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="bin_entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()  # the deleted activity or section; its children come along
    summary = models.CharField(max_length=500)
    activity_count = models.PositiveIntegerField(default=0)
    rows = models.TextField()  # django.core.serializers JSON of every deleted row
    keys = models.JSONField(
        default=list
    )  # "app.model:pk" of every row, to tell which entry holds a row
    relinks = models.JSONField(
        default=list
    )  # [model, pk, field, old value]: references the delete cleared
    files = models.JSONField(
        default=list
    )  # stored file names the rows refer to; kept until the purge
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    deleted_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-deleted_at", "-id"]
        verbose_name = "запись корзины"
        verbose_name_plural = "корзина"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.summary}"
