from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from muniplan.transfer.backup import BackupError, installation_restore


class Command(BaseCommand):
    help = (
        "Восстановить установку из резервной копии. Остановите серверы приложения на это время; "
        "установка должна быть пустой (или укажите --force, чтобы заменить её содержимое)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="архив, записанный командой backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="заменить данные и файлы, которые уже есть в установке",
        )

    def handle(self, *args, **options):
        try:
            result = installation_restore(path=Path(options["file"]), replace=options["force"])
        except BackupError as error:
            # the Russian sentence alone, without Django's "CommandError:" prefix
            self.stderr.write(str(error))
            sys.exit(1)
        self.stdout.write(
            f"Установка восстановлена из копии от {result.created}: база {result.database}, "
            f"файлов: {result.media_files}."
        )
