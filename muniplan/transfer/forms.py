from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings

from muniplan.accounts.models import Organization
from muniplan.lib.forms import MultipleFileField, NamedFileField
from muniplan.lib.sizes import too_large
from muniplan.plans.drafts import AS_TEXT, NEW_UNIT
from muniplan.plans.forms import choose_organization
from muniplan.readers import SUPPORTED
from muniplan.readers.formats import describe


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label="Организация")
    # Empty files pass here so that the reader refuses them with a message naming the file.
    file = MultipleFileField(
        label="Документ или несколько документов",
        allow_empty_file=True,
        required=False,
        help_text=f"{describe()}; несколько файлов или ZIP-архив — до 100 документов.",
    )
    pasted = forms.CharField(
        label="…или вставьте таблицу плана",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Скопируйте таблицу со страницы сайта или из документа и вставьте сюда.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        choose_organization(self.fields["organization"], organizations)
        self.fields["file"].widget.attrs["accept"] = ",".join((*SUPPORTED, ".zip"))

    def clean_file(self):
        uploads = self.cleaned_data["file"]
        for upload in uploads:
            _check_upload(upload)
        return uploads

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("pasted", "").strip():
            self.add_error("file", "Выберите файл или вставьте таблицу плана.")
        return cleaned

    def is_batch(self) -> bool:
        uploads = self.cleaned_data["file"]
        return len(uploads) > 1 or any(PurePath(u.name).suffix.lower() == ".zip" for u in uploads)

    def uploads(self) -> list[tuple[str, bytes]]:
        """(name, content) of each file, or of the pasted table: web markup read as a page,
        anything else (text copied from Word comes tab-separated) as text."""
        if self.cleaned_data["file"]:
            return [(PurePath(u.name).name, u.read()) for u in self.cleaned_data["file"]]
        pasted = self.cleaned_data["pasted"]
        name = "вставленная таблица.html" if "<t" in pasted.lower() else "вставленный текст.txt"
        return [(name, pasted.encode("utf-8"))]


def _check_upload(upload) -> None:
    name = PurePath(upload.name).name
    limit = settings.MUNIPLAN_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise forms.ValidationError(too_large(name, upload.size, limit))
    # The type is checked again by content when the file is read; this refuses the obvious early.
    suffix = PurePath(name).suffix.lower()
    if suffix not in (*SUPPORTED, ".zip"):
        raise forms.ValidationError(
            f"Файл {name}: такой формат не поддерживается. Допустимы {', '.join(SUPPORTED)} и .zip."
        )


class ConfirmForm(forms.Form):
    year = forms.IntegerField(label="Год плана", min_value=2000, max_value=2100, required=False)


class UnitMappingForm(forms.Form):
    """What becomes of each responsible name the organization has no unit for: a new unit, an existing
    unit it is another name of, or plain text. Nothing is created until the document is confirmed."""

    def __init__(self, *args, names: list[str], units, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names
        self.units = {str(unit.pk): unit for unit in units}
        choices = [
            (NEW_UNIT, "Создать новое подразделение"),
            (AS_TEXT, "Не заводить: оставить текстом"),
        ]
        if self.units:
            choices.append(
                ("Это существующее подразделение", [(pk, u.name) for pk, u in self.units.items()])
            )
        for index, name in enumerate(names):
            # Not required: a client that sends no choice gets what the page offers first, a new unit.
            self.fields[f"unit-{index}"] = forms.ChoiceField(
                label=name, choices=choices, initial=NEW_UNIT, required=False
            )

    def choices(self) -> dict:
        values = (
            self.cleaned_data[f"unit-{index}"] or NEW_UNIT for index in range(len(self.names))
        )
        return {
            name: self.units.get(value, value)
            for name, value in zip(self.names, values, strict=True)
        }


class SheetUploadForm(forms.Form):
    file = NamedFileField(label="Файл Excel (.xlsx), выгруженный из этого плана и изменённый")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MUNIPLAN_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"Файл {PurePath(upload.name).name} слишком большой.")
        return upload
