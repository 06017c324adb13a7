"""`muniplan purge_uploads` removes uploads left unconfirmed for 30 days, with their files (run it from cron)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand

from muniplan.transfer.services import STALE_UPLOAD_AGE, uploads_purge


class Command(BaseCommand):
    help = "Удалить загруженные, но не подтверждённые документы старше 30 дней вместе с файлами."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=STALE_UPLOAD_AGE.days,
            help="удалять документы старше этого числа дней (по умолчанию 30)",
        )

    def handle(self, *args, days: int, **options):
        removed = uploads_purge(older_than=timedelta(days=days))
        self.stdout.write(f"Удалено неподтверждённых документов: {removed}.")
