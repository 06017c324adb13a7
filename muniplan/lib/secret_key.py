"""Where the secret key comes from: the environment in production, a file of its own for the embedded default.

Plain Python, read by settings.py before Django is configured.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MISSING = (
    "MUNIPLAN_SECRET_KEY не задан: без него MuniPlan в рабочем режиме не запускается. "
    "Задайте переменную окружения MUNIPLAN_SECRET_KEY (не короче 50 случайных символов, например "
    "вывод `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
)


class MissingSecretKey(ImproperlyConfigured):
    pass


def secret_key(*, environ_key: str | None, embedded: bool, key_file: Path) -> str:
    """The key from the environment; else, on the embedded default (SQLite or debug), the installation's
    own random key kept in `key_file`; else — a server database with debug off — refuse to start, since
    a key anyone can read in the source lets anyone forge sessions."""
    if environ_key:
        return environ_key
    if not embedded:
        raise MissingSecretKey(MISSING)
    return _kept_key(key_file)


def _kept_key(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)  # atomic: of two processes starting at once, one key wins for both
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()
