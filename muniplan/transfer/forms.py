from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings

from muniplan.accounts.models import Organization
from muniplan.readers.detect import SUPPORTED


class UploadForm(forms.Form):
    organization = forms.ModelChoiceField(Organization.objects.none(), label="Организация")
    # Empty files pass here so that the reader refuses them with a message naming the file.
    file = forms.FileField(label="Документ", allow_empty_file=True, help_text="Word (.docx), PDF, Excel (.xlsx), CSV или текст (.txt)")

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()
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


class SheetUploadForm(forms.Form):
    file = forms.FileField(label="Файл Excel (.xlsx), выгруженный из этого плана и изменённый")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MUNIPLAN_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"Файл {PurePath(upload.name).name} слишком большой.")
        return upload
