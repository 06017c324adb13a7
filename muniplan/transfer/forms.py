from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings

from muniplan.accounts.models import Organization
from muniplan.plans.drafts import AS_TEXT, NEW_UNIT
from muniplan.plans.forms import choose_organization
from muniplan.readers.detect import SUPPORTED


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label="Организация")
    # Empty files pass here so that the reader refuses them with a message naming the file.
    file = forms.FileField(label="Документ", allow_empty_file=True, help_text="Word (.docx), PDF, Excel (.xlsx), CSV или текст (.txt)")

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        choose_organization(self.fields["organization"], organizations)
        self.fields["file"].widget.attrs["accept"] = ",".join(SUPPORTED)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = PurePath(upload.name).name
        limit = settings.MUNIPLAN_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"Файл {name} слишком большой: {upload.size / 2**20:.1f} МБ, допустимо не более {limit / 2**20:.0f} МБ."
            )
        # The type is checked again by content when the file is read; this refuses the obvious early.
        if PurePath(name).suffix.lower() not in SUPPORTED and PurePath(name).suffix.lower() not in (".doc", ".xls"):
            raise forms.ValidationError(
                f"Файл {name}: такой формат не поддерживается. Загрузите .docx, .pdf, .xlsx, .csv или .txt."
            )
        return upload


class ConfirmForm(forms.Form):
    year = forms.IntegerField(label="Год плана", min_value=2000, max_value=2100, required=False)


class UnitMappingForm(forms.Form):
    """What becomes of each responsible name the organization has no unit for: a new unit, an existing
    unit it is another name of, or plain text. Nothing is created until the document is confirmed."""

    def __init__(self, *args, names: list[str], units, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names
        self.units = {str(unit.pk): unit for unit in units}
        choices = [(NEW_UNIT, "Создать новое подразделение"), (AS_TEXT, "Не заводить: оставить текстом")]
        if self.units:
            choices.append(("Это существующее подразделение", [(pk, u.name) for pk, u in self.units.items()]))
        for index, name in enumerate(names):
            # Not required: a client that sends no choice gets what the page offers first, a new unit.
            self.fields[f"unit-{index}"] = forms.ChoiceField(label=name, choices=choices, initial=NEW_UNIT,
                                                             required=False)

    def choices(self) -> dict:
        values = (self.cleaned_data[f"unit-{index}"] or NEW_UNIT for index in range(len(self.names)))
        return {name: self.units.get(value, value) for name, value in zip(self.names, values, strict=True)}
