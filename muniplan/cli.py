"""The `muniplan` command: Django's management commands with MuniPlan's settings."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")
    from django.core.management import execute_from_command_line

    from muniplan.lib.secret_key import MissingSecretKey

    try:
        execute_from_command_line(["muniplan", *(sys.argv[1:] if argv is None else argv)])
    except MissingSecretKey as error:
        sys.exit(f"muniplan: {error}")


if __name__ == "__main__":
    main()
