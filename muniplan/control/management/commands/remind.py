from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from muniplan.control.reminders import reminders_enqueue


class Command(BaseCommand):
    help = (
        "Поставить в очередь письма-напоминания: каждому сотруднику — что у его подразделений "
        "со сроком в ближайшие 14 дней и что просрочено. Запускать раз в день (cron, systemd)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="считать на эту дату (ГГГГ-ММ-ДД); по умолчанию — сегодня"
        )
        parser.add_argument(
            "--org",
            type=int,
            action="append",
            help="только эта организация (номер; можно несколько)",
        )

    def handle(self, *args, date=None, org=None, **options):
        try:
            as_of = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"Дата «{date}» не прочитана: укажите её как ГГГГ-ММ-ДД.") from error
        count = reminders_enqueue(as_of=as_of, organization_ids=org)
        self.stdout.write(f"Напоминаний поставлено в очередь: {count} (на {as_of:%d.%m.%Y}).")
