from __future__ import annotations

from django import forms

from muniplan.accounts.models import Unit
from muniplan.lib.locking import VersionedForm
from muniplan.lib.participants import participants_from_lines
from muniplan.periods.lexicon import MONTH_NAMES

from .models import Activity, Plan, Section
from .services import ActivityInput

MONTH_CHOICES = [(i, name.capitalize()) for i, name in enumerate(MONTH_NAMES, start=1)]


def participants_to_lines(activity: Activity) -> str:
    return "\n".join(str(p) for p in activity.participations.all())


class ActivityForm(VersionedForm):
    section = forms.ModelChoiceField(Section.objects.none(), label="Раздел")
    parent = forms.ModelChoiceField(
        Activity.objects.none(),
        label="Подпункт мероприятия",
        required=False,
        help_text="Оставьте пустым для самостоятельного мероприятия",
    )
    number = forms.CharField(label="№ п/п", max_length=20, required=False)
    title = forms.CharField(
        label="Наименование мероприятия", widget=forms.Textarea(attrs={"rows": 2})
    )
    description = forms.CharField(
        label="Характеристика мероприятия", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    period_text = forms.CharField(
        label="Период (как в плане)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Например: «Январь-апрель, Сентябрь-декабрь», «2-3 квартал», «весь период»",
    )
    months = forms.TypedMultipleChoiceField(
        label="Месяцы (уточнить вручную)",
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Заполняются по тексту периода; отметьте вручную, если прочтение неверно",
    )
    responsible_units = forms.ModelMultipleChoiceField(
        Unit.objects.none(),
        label="Ответственные исполнители",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    responsible_text = forms.CharField(label="Ответственный (иное)", max_length=300, required=False)
    funding_text = forms.CharField(
        label="Финансовое обеспечение",
        max_length=300,
        required=False,
    )
    funding_amount = forms.DecimalField(
        label="Сумма, руб.", required=False, min_value=0, max_digits=14, decimal_places=2
    )
    participants = forms.CharField(
        label="Планируемые участники",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По строке на категорию: «члены РО ВСМС 62 человек»",
    )
    partners = forms.CharField(
        label="Партнёры",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По строке на партнёра: «Комитет по местному самоуправлению …»",
    )
    location = forms.CharField(label="Место проведения", max_length=300, required=False)
    format = forms.CharField(label="Формат", max_length=60, required=False, help_text="очно, ВКС")

    def __init__(self, *args, plan: Plan, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funding_text"].help_text = f"Например: «п.п. ___ Сметы на {plan.year} год»"
        self.fields["section"].queryset = plan.sections.all()
        self.fields["parent"].queryset = plan.activities.filter(parent=None)
        self.fields["responsible_units"].queryset = units

    def clean(self):
        data = super().clean()
        parent, section = data.get("parent"), data.get("section")
        if parent and section and parent.section_id != section.pk:
            self.add_error("parent", "Подпункт должен находиться в разделе своего мероприятия.")
        return data

    def to_input(self) -> ActivityInput:
        d = self.cleaned_data
        months = d["months"] or None
        if "period_text" in self.changed_data and "months" not in self.changed_data:
            months = (
                None  # a new period text is read afresh; the ticks shown were the old text's months
            )
        return ActivityInput(
            number=d["number"],
            title=d["title"],
            description=d["description"],
            location=d["location"],
            format=d["format"],
            responsible_units=list(d["responsible_units"]),
            responsible_text=d["responsible_text"],
            funding_text=d["funding_text"],
            funding_amount=d["funding_amount"],
            period_text=d["period_text"],
            months=months,
            participants=participants_from_lines(d["participants"]),
            partners=[line.strip() for line in d["partners"].splitlines() if line.strip()],
        )

    @staticmethod
    def initial_for(activity: Activity) -> dict:
        return {
            "section": activity.section_id,
            "parent": activity.parent_id,
            "number": activity.number,
            "title": activity.title,
            "description": activity.description,
            "period_text": activity.period_text,
            "months": activity.months,
            "responsible_units": list(activity.responsible_units.all()),
            "responsible_text": activity.responsible_text,
            "funding_text": activity.funding_text,
            "funding_amount": activity.funding_amount,
            "participants": participants_to_lines(activity),
            "partners": "\n".join(activity.partners),
            "location": activity.location,
            "format": activity.format,
            "version": activity.version,
        }


def choose_organization(field: forms.ModelChoiceField, organizations) -> None:
    """A Russian label, and no empty «---------» choice to step over when there is only one organization."""
    field.label = "Организация"
    field.queryset = organizations
    if len(organizations) == 1:
        field.empty_label, field.initial = None, organizations[0]
    else:
        field.empty_label = "— выберите организацию —"


class PlanForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["organization", "year", "title", "notes"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(min=2000, max=2100)
        if organizations is not None:
            choose_organization(self.fields["organization"], organizations)
            self.same_year = self._same_year_plan(organizations)
            if self.same_year:
                self.fields["another"] = forms.BooleanField(
                    required=False, label=f"Создать ещё один план на {self.same_year.year} год"
                )
        else:
            del self.fields["organization"]

    def _same_year_plan(self, organizations) -> Plan | None:
        """The organization's plan for the year typed in, when a new one is being created: a second
        plan of the same year is usually a mistake (the roll-over asks the same)."""
        organization, year = self.data.get("organization"), self.data.get("year")
        if not (str(organization).isdigit() and str(year).isdigit()):
            return None
        return Plan.objects.filter(
            organization__in=organizations, organization_id=int(organization), year=int(year)
        ).first()

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("Год плана должен быть между 2000 и 2100.")
        return year

    def clean(self):
        data = super().clean()
        if getattr(self, "same_year", None) and not data.get("another"):
            plan = self.same_year
            self.add_error(
                None,
                f"У организации уже есть план на {plan.year} год: «{plan.heading[:120]}». Если "
                f"нужен ещё один, отметьте «Создать ещё один план на {plan.year} год».",
            )
        return data


class ApproveForm(forms.Form):
    decision = forms.CharField(
        label="Решение об утверждении",
        max_length=300,
        help_text="Например: решение Президиума от 15.12.2025 № 12",
        error_messages={"required": "укажите, каким решением утверждён план."},
    )
    # <input type="date"> takes only ISO dates; a localized «26.11.2026» would leave it empty.
    approved_on = forms.DateField(
        label="Дата утверждения",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "укажите дату решения.", "invalid": "укажите дату решения."},
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Причина", widget=forms.Textarea(attrs={"rows": 2}))


class SectionForm(VersionedForm):
    title = forms.CharField(label="Название раздела", max_length=500)


class MoveForm(forms.Form):
    section = forms.ModelChoiceField(Section.objects.none(), label="Раздел")
    position = forms.IntegerField(
        label="Место в разделе", min_value=1, help_text="1 — первым в разделе"
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = plan.sections.all()
