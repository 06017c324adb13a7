from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from muniplan.lib.locking import VersionedForm

from . import services
from .models import Membership, Unit
from .templatetags.people import person


def password_subject(*, username: str, full_name: str, email: str = "") -> User:
    """An unsaved user the password validators compare a password with: the login, the name as the
    profile gives it, the e-mail address."""
    first, _, last = full_name.strip().partition(" ")
    return User(username=username, first_name=first, last_name=last, email=email)


class PersonForm(forms.Form):
    """How a person is named and reached: the administrator types it for a new person, the person
    corrects it on «Мой профиль»."""

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
    email = forms.EmailField(
        label="Электронная почта",
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"class": "wide", "autocomplete": "email"}),
        help_text="Сюда приходят напоминания о сроках; без адреса напоминаний не будет",
        error_messages={
            "invalid": "Электронная почта: адрес записан с ошибкой, нужен вид ivanova@smo72.ru."
        },
    )


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


class MemberForm(PersonForm, MembershipForm):
    username = forms.RegexField(
        label="Имя пользователя (логин)",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "Только латинские буквы, цифры и символы . @ + - _"},
    )
    password = forms.CharField(label="Пароль", widget=forms.PasswordInput, strip=False)

    field_order = ["username", "full_name", "position", "email", "password", "role", "units"]

    def clean(self):
        data = super().clean()
        if data.get("password"):
            # the validators compare the password with the login and the name of the person it protects
            subject = password_subject(
                username=data.get("username", ""),
                full_name=data.get("full_name", ""),
                email=data.get("email", ""),
            )
            try:
                validate_password(data["password"], user=subject)
            except ValidationError as error:
                self.add_error("password", error)
        return data


class ProfileForm(PersonForm, VersionedForm):
    def stale_message(self, stale) -> str:
        return (
            "Пока форма была открыта, ваши сведения сохранили ещё раз — например, в другой "
            "вкладке. Сравните сохранённые значения со своими ниже; нажмите «Сохранить» ещё раз, "
            "чтобы записать свои."
        )


class PasswordForm(PasswordChangeForm):
    """Django's password change: the old password, the new one twice, in Django's Russian.

    The new password is compared with the name from the person's profile too, as a new person's is
    (`MemberForm`); the change is recorded by `services.password_change`.
    """

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        subject = password_subject(
            username=user.get_username(), full_name=person(user), email=user.email
        )
        super().validate_password_for_user(subject, password_field_name)

    def save(self, commit=True):
        return services.password_change(
            user=self.user, password=self.cleaned_data["new_password1"], by=self.user
        )
