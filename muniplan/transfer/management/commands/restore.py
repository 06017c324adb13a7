from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Установка восстановлена из копии от {result.created}: база {result.database}, "
            f"файлов: {result.media_files}."
        )
