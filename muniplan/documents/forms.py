from __future__ import annotations

from django import forms

from muniplan.accounts.models import PlanLayout
from muniplan.lib.forms import NamedFileField

from .letterhead import MAX_BYTES


class LayoutForm(forms.Form):
    plan_layout = forms.ChoiceField(
        label="Оформление плана по умолчанию", choices=PlanLayout.choices
    )


class LetterheadForm(forms.Form):
    file = NamedFileField(
        label="Бланк Word (.docx) с тегами",
        help_text=(
            "Теги: {{ title }}, {{ organization }}, {{ year }}, {{ approval }}, {{ notes }} и отдельный "
            "абзац {{ table }} для таблицы плана. Не более 5 МБ."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(f"Файл {upload.name}: нужен документ Word в формате .docx.")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"Файл {upload.name} слишком большой: допустимо не более 5 МБ."
            )
        return upload


class ExportForm(forms.Form):
    """What the download buttons ask for; the section and unit narrow a calendar file."""

    format = forms.ChoiceField(
        choices=[(f, f) for f in ("docx", "pdf", "xlsx", "ics")], initial="docx"
    )
    layout = forms.ChoiceField(choices=PlanLayout.choices, required=False)
    section = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    unit = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
