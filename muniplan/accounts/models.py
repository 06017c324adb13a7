from __future__ import annotations

from django.conf import settings
from django.db import models

from muniplan.lib.locking import Versioned
from muniplan.lib.search import fold


class PlanLayout(models.TextChoices):
    """The official layouts of a plan table (muniplan/documents/layouts.py draws them)."""

    TYUMEN = "tyumen", "Тюменский: характеристика, период, ответственные"
    TULA = "tula", "Тульский: сетка по месяцам"
    SMOLENSK = "smolensk", "Смоленский: дата, участники, программа"


class Organization(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", "Совет муниципальных образований / ассоциация"
        VSMS_BRANCH = "vsms_branch", "Региональное отделение ВСМС"
        TOS_ASSOCIATION = "tos_association", "Ассоциация ТОС"
        FEDERAL = "federal", "Федеральный орган"

    name = models.CharField("название", max_length=300, unique=True)
    short_name = models.CharField("краткое название", max_length=100, blank=True)
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    region = models.CharField("субъект РФ", max_length=150, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="вышестоящая организация",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField("сайт", blank=True)
    plan_layout = models.CharField(
        "оформление плана",
        max_length=20,
        choices=PlanLayout.choices,
        default=PlanLayout.TYUMEN,
        help_text="Столбцы таблицы плана на странице и в документах Word, PDF и Excel",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "организация"
        verbose_name_plural = "организации"

    def __str__(self) -> str:
        return self.short_name or self.name

    def unit_named(self, name: str, *, other_than: Unit | None = None) -> Unit | None:
        """The unit whose name reads as `name` does: case, ё and runs of spaces aside."""
        wanted = fold(name)
        units = self.units.exclude(pk=other_than.pk) if other_than else self.units.all()
        return next((u for u in units if fold(u.name) == wanted), None)


class Unit(Versioned):
    """A department or body of an organization: Аппарат Совета, Президиум, палата, ..."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Подразделение аппарата"
        BODY = "body", "Орган управления"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="units")
    name = models.CharField("название", max_length=300)
    kind = models.CharField("вид", max_length=10, choices=Kind.choices, default=Kind.STAFF)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unit_unique_name")
        ]
        verbose_name = "подразделение"
        verbose_name_plural = "подразделения"

    def __str__(self) -> str:
        return self.name


class Membership(Versioned):
    """What a user may do in one organization.

    An administrator of a federal organization is a federal administrator: they see and
    administer every organization of the installation.
    """

    class Role(models.TextChoices):
        ADMIN = "admin", "Администратор"
        EDITOR = "editor", "Редактор"
        VIEWER = "viewer", "Наблюдатель"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("роль", max_length=10, choices=Role.choices)
    units = models.ManyToManyField(Unit, blank=True, verbose_name="подразделения редактора")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_unique_user_org"
            )
        ]
        verbose_name = "членство"
        verbose_name_plural = "членства"

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"


class Profile(Versioned):
    """Who a login is: the name and position shown wherever the product names a person.

    The person edits it on «Мой профиль», with their e-mail address (`User.email`: reminders).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    full_name = models.CharField("фамилия, имя, отчество", max_length=300)
    position = models.CharField("должность", max_length=300, blank=True)

    class Meta:
        verbose_name = "сведения о пользователе"
        verbose_name_plural = "сведения о пользователях"

    def __str__(self) -> str:
        return self.full_name
