"""Password rules beyond Django's defaults."""

from __future__ import annotations

from django.contrib.auth.password_validation import UserAttributeSimilarityValidator
from django.core.exceptions import ValidationError

# Django's Russian message puts the attribute in the nominative («похож на фамилия»).
_ACCUSATIVE = {
    "username": "логин",
    "first_name": "имя",
    "last_name": "фамилию",
    "email": "адрес электронной почты",
}


class SimilarityValidator(UserAttributeSimilarityValidator):
    """Django's similarity check, naming in proper Russian what the password resembles."""

    def validate(self, password, user=None):
        for attribute in self.user_attributes:
            one = UserAttributeSimilarityValidator(
                user_attributes=[attribute], max_similarity=self.max_similarity
            )
            try:
                one.validate(password, user)
            except ValidationError:
                raise ValidationError(
                    f"Пароль слишком похож на {_ACCUSATIVE.get(attribute, attribute)}.",
                    code="password_too_similar",
                ) from None
