from __future__ import annotations

from django.db import models
from django.urls import reverse


class Resolution(models.Model):
    """A congress or conference resolution: numbered recommendations to each addressee."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="resolutions"
    )
    title = models.CharField("заголовок", max_length=300)
    event = models.CharField("мероприятие", max_length=500, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    place = models.CharField("место", max_length=300, blank=True)
    participants = models.CharField("участники (как в документе)", max_length=300, blank=True)
    participants_count = models.PositiveIntegerField("число участников", null=True, blank=True)
    preamble = models.TextField("преамбула", blank=True)
    closing = models.TextField("заключительная часть", blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} — {self.event}" if self.event else self.title

    def get_absolute_url(self) -> str:
        return reverse("resolutions-detail", args=[self.pk])


class Addressee(models.Model):
    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="addressees")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.TextField("адресат")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    addressee = models.ForeignKey(
        Addressee, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveSmallIntegerField(default=0)
    number = models.CharField("№", max_length=10, blank=True)
    text = models.TextField("рекомендация")
    # A recommendation to the organization itself becomes an activity of its plan; each shows the other.
    activity = models.OneToOneField(
        "plans.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendation",
        verbose_name="мероприятие плана",
    )
    search_text = models.TextField(
        blank=True, default="", editable=False
    )  # folded copy of the text and its addressee, see muniplan.lib.search

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.number}) {self.text[:60]}"
