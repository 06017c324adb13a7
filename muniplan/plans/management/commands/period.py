"""`muniplan period TEXT`: how MuniPlan reads a period text, as JSON (see INTERFACES.md)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from muniplan.periods.parser import parse_period


class Command(BaseCommand):
    help = (
        "Читает период мероприятия («январь-декабрь», «2-3 квартал») и печатает JSON. "
        "Без текста читает по одному периоду в строке со стандартного ввода."
    )
    # Tests hand in their own standard input through call_command(stdin=...).
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="*", help="текст периода (слова соединяются пробелом)")
        parser.add_argument("--year", type=int, help="год плана, чтобы заметить другой год")

    def handle(self, *args, text, year, **options):
        if text:
            texts = [" ".join(text)]
        else:
            texts = (line.rstrip("\r\n") for line in options.get("stdin") or sys.stdin)
        for one in texts:
            schedule = parse_period(one, year=year)
            reading = {**schedule.to_json(), "extra": schedule.extra}
            self.stdout.write(json.dumps(reading, ensure_ascii=False))
