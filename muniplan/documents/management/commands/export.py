"""`muniplan export PLAN_ID --format docx|pdf|xlsx|ics [--layout …] -o FILE`: the file the
plan page's download buttons give."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from muniplan.documents.export import FORMATS, export_plan
from muniplan.documents.layouts import LAYOUTS
from muniplan.plans.models import Plan

_WHY = {
    errno.ENOENT: "такой папки нет",
    errno.EACCES: "нет прав на запись",
    errno.EISDIR: "это папка, а не файл",
    errno.ENOSPC: "на диске нет места",
}


class Command(BaseCommand):
    help = "Выгрузить план в Word, PDF, Excel или календарь (.ics)."

    def add_arguments(self, parser):
        parser.add_argument("plan_id", type=int)
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument(
            "--layout",
            choices=list(LAYOUTS),
            help="оформление; по умолчанию — оформление организации",
        )
        parser.add_argument("-o", "--output", required=True, help="куда записать файл")

    def handle(self, *args, plan_id: int, format: str, layout: str | None, output: str, **options):
        plan = Plan.objects.select_related("organization").filter(pk=plan_id).first()
        if plan is None:
            self.stderr.write(f"План № {plan_id} не найден.")
            sys.exit(1)
        exported = export_plan(plan, format, layout=layout)
        if exported.warning:
            self.stderr.write(exported.warning)
        try:
            Path(output).write_bytes(exported.data)
        except OSError as error:
            reason = _WHY.get(error.errno, error.strerror)
            self.stderr.write(f"Не удалось записать файл {output}: {reason}.")
            sys.exit(1)
        self.stdout.write(f"{output}: {exported.filename}, {len(exported.data)} байт")
