from __future__ import annotations

from django import forms
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from muniplan.lib.locking import VersionedForm

from .models import Membership, Unit


class UnitForm(VersionedForm):
    name = forms.CharField(
        label="Название",
        max_length=300,
        help_text="Например: Аппарат Совета, Информационно-аналитический отдел, Президиум",
    )
    kind = forms.ChoiceField(label="Вид", choices=Unit.Kind.choices)


class MembershipForm(VersionedForm):
    # the least rights first: a hurried administrator must not make another administrator
    role = forms.ChoiceField(
        label="Роль",
        choices=list(reversed(Membership.Role.choices)),
        initial=Membership.Role.VIEWER,
    )
    units = forms.ModelMultipleChoiceField(
        Unit.objects.none(),
        label="Подразделения редактора",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Редактор изменяет только мероприятия этих подразделений",
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = organization.units.all()

    def clean(self):
        data = super().clean()
        if data.get("role") == Membership.Role.EDITOR and not data.get("units"):
            self.add_error(
                "units", "Выберите подразделения, мероприятия которых редактор может изменять."
            )
        return data


class MemberForm(MembershipForm):
    username = forms.RegexField(
        label="Имя пользователя (логин)",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "Только латинские буквы, цифры и символы . @ + - _"},
    )
    full_name = forms.CharField(
        label="Фамилия, имя, отчество",
        max_length=300,
        widget=forms.TextInput(attrs={"class": "wide"}),
    )
    position = forms.CharField(
        label="Должность",
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "wide"}),
        help_text="Например: начальник информационно-аналитического отдела",
    )
    password = forms.CharField(label="Пароль", widget=forms.PasswordInput, strip=False)

    field_order = ["username", "full_name", "position", "password", "role", "units"]

    def clean(self):
        data = super().clean()
        if data.get("password"):
            # the validators compare the password with the login and the name of the person it protects
            first, _, last = data.get("full_name", "").strip().partition(" ")
            person = User(username=data.get("username", ""), first_name=first, last_name=last)
            try:
                validate_password(data["password"], user=person)
            except ValidationError as error:
                self.add_error("password", error)
        return data
