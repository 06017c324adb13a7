"""`muniplan purge_bin`: entries of the bin older than 30 days are removed for good (run daily by cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from muniplan.plans.bin import BIN_DAYS, bin_purge


class Command(BaseCommand):
    help = f"Окончательно удаляет из корзины то, что удалено более {BIN_DAYS} дней назад, и файлы только этих записей."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=BIN_DAYS,
            help=f"сколько дней хранить (по умолчанию {BIN_DAYS})",
        )

    def handle(self, *args, days, **options):
        count = bin_purge(days=days)
        self.stdout.write(f"Удалено из корзины записей: {count}")
