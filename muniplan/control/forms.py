from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from muniplan.accounts.models import Organization
from muniplan.accounts.templatetags.people import person
from muniplan.lib.forms import MultipleFileField
from muniplan.lib.locking import StaleVersion, VersionedForm
from muniplan.plans.models import Plan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return person(user)


def _people(organization: Organization):
    return (
        get_user_model()
        .objects.filter(memberships__organization=organization)
        .select_related("profile")
        .order_by("profile__full_name", "last_name", "username")
    )


class ControlForm(forms.Form):
    """Controller and deadline of recommendations put under control."""

    controller = PersonChoiceField(queryset=None, label="Контролёр")
    deadline = forms.DateField(label="Срок исполнения", widget=DATE)

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["controller"].queryset = _people(organization)


class RecommendationControlForm(ControlForm):
    """One recommendation put under control: the executor can be chosen too, as on the item's edit."""

    executor_unit = forms.ModelChoiceField(
        queryset=None, label="Исполнитель (подразделение)", required=False
    )
    field_order = ["executor_unit", "controller", "deadline"]

    def __init__(self, *args, organization: Organization, addressee: str = "", **kwargs):
        super().__init__(*args, organization=organization, **kwargs)
        field = self.fields["executor_unit"]
        field.queryset = organization.units.all()
        field.empty_label = f"— адресат: {addressee} —"[:200] if addressee else "—"
        field.help_text = (
            "Если подразделение не выбрано, исполнителем записывается адресат рекомендации."
        )


class PlanTargetForm(forms.Form):
    plan = forms.ModelChoiceField(
        queryset=None,
        label="Проект плана",
        required=False,
        help_text="Или оставьте пустым и укажите год нового плана",
    )
    year = forms.IntegerField(
        label="Год нового плана", required=False, min_value=2000, max_value=2100
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = organization.plans.filter(status=Plan.Status.DRAFT)


class ItemForm(VersionedForm):
    text = forms.CharField(label="Поручение", widget=forms.Textarea(attrs={"rows": 4}))
    executor_unit = forms.ModelChoiceField(
        queryset=None, label="Исполнитель (подразделение)", required=False
    )
    executor_text = forms.CharField(
        label="Исполнитель (иной адресат, как в документе)", required=False, max_length=500
    )
    controller = PersonChoiceField(queryset=None, label="Контролёр")
    deadline = forms.DateField(label="Срок исполнения", widget=DATE)

    # keyed as services.item_snapshot, which names the text «instruction» (execution reports have a «text»)
    LABELS = {
        "instruction": "Поручение",
        "executor_unit": "Исполнитель (подразделение)",
        "executor_text": "Исполнитель (иной адресат)",
        "controller": "Контролёр",
        "deadline": "Срок исполнения",
    }

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["executor_unit"].queryset = organization.units.all()
        self.fields["controller"].queryset = _people(organization)

    def clean(self):
        data = super().clean()
        if not data.get("executor_unit") and not (data.get("executor_text") or "").strip():
            self.add_error("executor_unit", "Укажите подразделение-исполнителя или иного адресата.")
        return data


class NoteForm(forms.Form):
    done_on = forms.DateField(label="Дата", widget=DATE)
    text = forms.CharField(label="Что сделано", widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(
        label="Подтверждающие материалы", required=False, help_text="PDF, Word, Excel, JPEG, PNG"
    )
    reports_done = forms.BooleanField(
        label="Поручение исполнено — передать контролёру на проверку", required=False
    )


class DecisionVersionedForm(VersionedForm):
    """A controller's decision on the item's page: a stale one is refused with the item as it is now
    (the page shows it), and is made again by pressing the same button, so the message says that."""

    again = "примите решение"

    def stale_message(self, stale: StaleVersion) -> str:
        current = stale.current
        return (
            "Поручение изменено после того, как вы открыли страницу: сейчас его статус "
            f"«{current.get_status_display()}», срок исполнения {current.deadline:%d.%m.%Y}. "
            f"Проверьте его и {self.again} ещё раз."
        )


class ReasonForm(DecisionVersionedForm):
    reason = forms.CharField(label="Основание", widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(ReasonForm):
    again = "снимите с контроля"


class ReturnForm(ReasonForm):
    again = "верните на доработку"


class ExtendForm(DecisionVersionedForm):
    again = "продлите срок"

    new_deadline = forms.DateField(label="Новый срок", widget=DATE)
    reason = forms.CharField(label="Причина продления", widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionRequestForm(forms.Form):
    new_deadline = forms.DateField(label="Новый срок", widget=DATE)
    reason = forms.CharField(label="Причина", widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
