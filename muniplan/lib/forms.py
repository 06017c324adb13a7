"""Form fields more than one app uses."""

from __future__ import annotations

from pathlib import PurePath

from django import forms


class NamedFileField(forms.FileField):
    """A file field whose refusal of an empty file names the file (Django's own message does not)."""

    def to_python(self, data):
        if data and not self.allow_empty_file and getattr(data, "size", None) == 0:
            name = PurePath(data.name).name
            raise forms.ValidationError(
                f"Файл {name} пуст: выберите файл с содержимым.", code="empty"
            )
        return super().to_python(data)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: the form gets a list (Django's documented recipe).

    Empty files pass here, so that the service that stores or reads them refuses them with a
    message naming the file.
    """

    def __init__(self, *args, accept: str = "", **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept} if accept else None))
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, (list, tuple)) else [data]
        return [single(f, initial) for f in files if f]
