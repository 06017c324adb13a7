"""The shared optimistic-locking helpers, tried on the activity, the model people edit most."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.http import QueryDict

from muniplan.lib.locking import StaleVersion, VersionedForm, claim_version, conflict_rows
from muniplan.plans.models import Activity

pytestmark = pytest.mark.django_db


def test_a_claim_at_the_current_version_takes_the_next_one(analytics_activity):
    claim_version(analytics_activity, 1)
    assert analytics_activity.version == 2
    analytics_activity.refresh_from_db()
    assert analytics_activity.version == 2


def test_a_claim_at_an_older_version_is_refused_with_the_object_as_it_is_now(analytics_activity):
    Activity.objects.filter(pk=analytics_activity.pk).update(title="Сохранено коллегой", version=5)
    with pytest.raises(StaleVersion) as refused:
        claim_version(analytics_activity, 4)
    assert refused.value.current.title == "Сохранено коллегой"
    assert refused.value.current.version == 5
    assert (
        Activity.objects.get(pk=analytics_activity.pk).version == 5
    )  # a refused claim changes nothing


def test_two_claims_at_the_same_version_let_only_the_first_through(analytics_activity):
    mine, theirs = (
        Activity.objects.get(pk=analytics_activity.pk),
        Activity.objects.get(pk=analytics_activity.pk),
    )
    claim_version(theirs, 1)
    with pytest.raises(StaleVersion):
        claim_version(mine, 1)


def test_a_claim_without_an_expected_version_always_passes_as_an_importer_needs(analytics_activity):
    Activity.objects.filter(pk=analytics_activity.pk).update(version=7)
    claim_version(analytics_activity, None)
    assert analytics_activity.version == 8


class _TitleForm(VersionedForm):
    title = forms.CharField(label="Наименование")
    months = forms.TypedMultipleChoiceField(
        label="Месяцы",
        coerce=int,
        required=False,
        choices=[(1, "Январь"), (4, "Апрель"), (12, "Декабрь")],
    )


def test_a_refused_form_keeps_what_the_person_typed_moves_to_the_new_version_and_says_why(
    analytics_activity,
):
    form = _TitleForm(QueryDict("title=Мой+вариант&version=1&months=4&months=1"))
    assert form.is_valid()
    Activity.objects.filter(pk=analytics_activity.pk).update(title="Их вариант", version=2)
    with pytest.raises(StaleVersion) as refused:
        claim_version(analytics_activity, form.expected_version())

    rows = form.conflict(refused.value, {"title": refused.value.current.title, "months": [12]})

    assert [(r.label, r.theirs, r.mine) for r in rows] == [
        ("Наименование", "Их вариант", "Мой вариант"),
        ("Месяцы", "Декабрь", "Январь; Апрель"),
    ]
    assert form["title"].value() == "Мой вариант"
    assert form["version"].value() == 2
    assert "сохранил другой пользователь" in form.non_field_errors()[0]


def test_conflict_rows_list_only_real_differences():
    rows = conflict_rows(
        theirs={
            "amount": Decimal("1500.00"),
            "text": "а\nб",
            "units": ["Аппарат", "Отдел"],
            "same": "x",
        },
        mine={"amount": Decimal("1500"), "text": "а\r\nб", "units": ["Отдел"], "same": "x"},
        labels={"amount": "Сумма", "text": "Текст", "units": "Исполнители", "same": "Одинаковое"},
    )
    assert [(r.label, r.theirs, r.mine) for r in rows] == [
        ("Исполнители", "Аппарат; Отдел", "Отдел")
    ]
