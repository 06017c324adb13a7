"""Acts on a whole installation in a process of its own (its database and media come from the
environment): `write` creates activities until told to stop, `dump` prints everything a backup must
keep. Used by test_backup.py, which runs a source and a restored installation side by side.

    python -m muniplan.transfer.tests.installation write STOP_FILE PROGRESS_FILE
    python -m muniplan.transfer.tests.installation dump
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

WRITER_PREFIX = "Записано во время копирования № "
# Everything but what `migrate` makes and the sessions of whoever was signed in.
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session", "admin.logentry"}


def write(stop: Path, progress: Path) -> None:
    """One activity per transaction, each with its history entry, until the stop file appears."""
    from django.contrib.auth.models import User

    from muniplan.plans.models import Section
    from muniplan.plans.services import ActivityInput, activity_create

    section = Section.objects.filter(plan__year=2026).order_by("pk").first()
    by = User.objects.get(username="tyumen-admin")
    number = 0
    while not stop.exists() and number < 20000:
        number += 1
        activity_create(
            section=section,
            by=by,
            data=ActivityInput(
                title=f"{WRITER_PREFIX}{number}",
                period_text="май",
                participants=[(number, "участники")],
            ),
        )
        progress.with_suffix(".tmp").write_text(str(number))
        os.replace(
            progress.with_suffix(".tmp"), progress
        )  # a reader never sees a half-written count


def dump() -> dict:
    """Every row of every model (by label, ordered by key) and the sha256 of every stored original."""
    from django.apps import apps
    from django.core import serializers
    from django.core.serializers.json import DjangoJSONEncoder

    from muniplan.transfer.models import ImportedDocument

    rows = {}
    for model in apps.get_models():
        # unmanaged models (django-rq's dashboard) have no table of their own
        if model._meta.managed and model._meta.label_lower not in SKIPPED:
            records = serializers.serialize("python", model._default_manager.order_by("pk"))
            rows[model._meta.label_lower] = json.loads(json.dumps(records, cls=DjangoJSONEncoder))
    originals = {}
    for document in ImportedDocument.objects.order_by("pk"):
        with document.file.open("rb") as stored:
            originals[document.file.name] = hashlib.sha256(stored.read()).hexdigest()
    return {"rows": rows, "originals": originals}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")
    import django

    django.setup()
    if sys.argv[1] == "write":
        write(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        print(json.dumps(dump(), ensure_ascii=False))
