"""`muniplan purge_exports` removes background exports finished more than 7 days ago, with their files,
and export files no export names any more (run it daily from cron)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand

from muniplan.documents.services import (
    EXPORT_JOB_AGE,
    export_files_orphaned_purge,
    export_jobs_purge,
)


class Command(BaseCommand):
    help = "Удалить фоновые выгрузки планов старше 7 дней вместе с файлами."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=EXPORT_JOB_AGE.days,
            help=f"удалять выгрузки старше этого числа дней (по умолчанию {EXPORT_JOB_AGE.days})",
        )

    def handle(self, *args, days: int, **options):
        removed = export_jobs_purge(older_than=timedelta(days=days))
        self.stdout.write(f"Удалено фоновых выгрузок: {removed}.")
        orphans = export_files_orphaned_purge(older_than=timedelta(days=days))
        if orphans:
            self.stdout.write(f"Удалено файлов выгрузок удалённых планов: {orphans}.")
