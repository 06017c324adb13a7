"""File sizes as the users read them: «30,8 МБ», with a decimal comma. Plain Python."""

from __future__ import annotations

MB = 1024 * 1024


def megabytes(size: int, digits: int = 1) -> str:
    return f"{size / MB:.{digits}f}".replace(".", ",")


def too_large(name: str, size: int, limit: int) -> str:
    """The one message for a file over the upload limit, wherever it is refused."""
    return (
        f"Файл {name} слишком большой: {megabytes(size)} МБ, "
        f"допустимо не более {megabytes(limit, digits=0)} МБ."
    )
