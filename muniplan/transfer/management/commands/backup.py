from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from muniplan.lib.sizes import megabytes
from muniplan.transfer.backup import BackupError, installation_backup


class Command(BaseCommand):
    help = "Записать резервную копию: база данных и файлы-оригиналы в одном архиве (приложение может работать)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="куда записать архив (.tar.gz)")

    def handle(self, *args, **options):
        try:
            result = installation_backup(path=Path(options["file"]))
        except BackupError as error:
            # the Russian sentence alone, without Django's "CommandError:" prefix
            self.stderr.write(str(error))
            sys.exit(1)
        self.stdout.write(
            f"Резервная копия записана: {result.path} — база {result.database}, "
            f"файлов: {result.media_files}, размер {megabytes(result.size)} МБ."
        )
