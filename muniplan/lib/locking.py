"""Optimistic locking: a save made from a stale copy is refused, and nobody's text is lost.

Every model people edit through a form carries `version` (mix in `Versioned`). A form sends back the
version it was opened at (`VersionedForm`); the update service calls `claim_version` first, inside its
transaction. The claim is one conditional UPDATE, so two concurrent saves cannot both pass it, on SQLite
and on PostgreSQL alike (the row stays locked until the transaction ends). A refused save raises
`StaleVersion` carrying the object as it is now; the view shows the other person's values beside the
person's own (`conflict_rows`) and keeps the form filled, with the new version, so a second save is a
deliberate overwrite.

In a view (see `plans/views.py:activity_edit`):

    form = ActivityForm(request.POST or None, initial={..., "version": activity.version})
    try:
        activity_update(activity=activity, ..., expected_version=form.expected_version())
    except StaleVersion as stale:
        conflict = form.conflict(stale, ActivityForm.initial_for(stale.current))  # for lib/_conflict.html

`form.conflict` compares choices by their labels and leaves out fields the person cannot change here.
A service that changes an object without a form (a status change, an importer) claims with
`expected=None`: it always passes and still moves the version on, so forms opened before it are stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django import forms
from django.db import models
from django.db.models import F


class Versioned(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class StaleVersion(Exception):
    """Someone saved the object after this person opened it."""

    def __init__(self, current: models.Model):
        super().__init__("Объект изменён другим пользователем после того, как вы открыли форму.")
        self.current = current


def claim_version(obj: Versioned, expected: int | None) -> None:
    """Take the next version of `obj` if it is still at `expected`; raise `StaleVersion` if not.

    Call inside the update's transaction, before writing. `expected=None` (a caller with no form, such
    as an importer) claims whatever version is current. On success `obj.version` is the new version,
    so a following `obj.save(update_fields=[...])` keeps it.
    """
    model = type(obj)
    rows = model._default_manager.filter(pk=obj.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if rows.update(version=F("version") + 1) != 1:
        raise StaleVersion(model._default_manager.get(pk=obj.pk))
    obj.version = model._default_manager.values_list("version", flat=True).get(pk=obj.pk)


class VersionedForm(forms.Form):
    """A form that remembers which version of the object it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")

    def show_conflict(self, stale: StaleVersion) -> None:
        """Keep the person's typed values, move the form to the current version, say what happened."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = stale.current.version  # a prefixed form's key too
        self.add_error(None, self.stale_message(stale))

    def stale_message(self, stale: StaleVersion) -> str:
        """What the person is told; a form with no comparison table says what fits it."""
        return (
            "Пока вы редактировали, эту запись сохранил другой пользователь. "
            "Сравните его значения со своими ниже; нажмите «Сохранить» ещё раз, "
            "чтобы записать свои."
        )

    def conflict(self, stale: StaleVersion, theirs: dict) -> list[ConflictRow]:
        """`show_conflict`, and the rows that differ between `theirs` (the saved object in this form's
        terms, e.g. the form's initial data for `stale.current`) and what the person typed.
        Fields the person cannot change here (hidden, disabled) are left out."""
        self.show_conflict(stale)
        fields = {
            name: field
            for name, field in self.fields.items()
            if not field.disabled and not field.widget.is_hidden
        }
        return conflict_rows(
            theirs={name: _shown(field, theirs.get(name)) for name, field in fields.items()},
            mine={
                name: _shown(field, self.cleaned_data.get(name)) for name, field in fields.items()
            },
            labels={name: str(field.label or name) for name, field in fields.items()},
        )


def _shown(field: forms.Field, value):
    """A choice as its label («Редактор», «Январь; Апрель» in the order offered), anything else as is."""
    if isinstance(field, forms.ModelChoiceField) or not isinstance(field, forms.ChoiceField):
        return value
    chosen = {str(v) for v in value} if isinstance(value, (list, tuple)) else {str(value)}
    return "; ".join(str(label) for key, label in field.choices if str(key) in chosen)


@dataclass(frozen=True)
class ConflictRow:
    label: str
    theirs: str
    mine: str


def conflict_rows(*, theirs: dict, mine: dict, labels: dict[str, str]) -> list[ConflictRow]:
    """The fields on which the saved object and the person's form differ, with both values as text."""
    return [
        ConflictRow(label, _text(theirs.get(name)), _text(mine.get(name)))
        for name, label in labels.items()
        if _text(theirs.get(name)) != _text(mine.get(name))
    ]


def _text(value) -> str:
    """A value as a person compares it: lists in a fixed order, «12.50» equal to «12.5», one kind of
    line break (browsers send «\r\n»), query sets of chosen objects like lists."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set, models.QuerySet)):
        items = list(value)
        key = (lambda v: v) if all(isinstance(v, int) for v in items) else str
        return "; ".join(str(v) for v in sorted(items, key=key))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value).replace("\r\n", "\n").strip()
