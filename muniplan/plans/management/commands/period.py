"""`muniplan period TEXT`: how MuniPlan reads a period text, as JSON (see INTERFACES.md)."""

from __future__ import annotations

import json

from muniplan.lib.commands import TextsCommand
from muniplan.periods.parser import parse_period


class Command(TextsCommand):
    help = (
        "Читает период мероприятия («январь-декабрь», «2-3 квартал») и печатает JSON. "
        "Без текста читает по одному периоду в строке со стандартного ввода."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, help="год плана, чтобы заметить другой год")

    def handle(self, *args, text, year, **options):
        for one in self.texts(text, options):
            schedule = parse_period(one, year=year)
            reading = {**schedule.to_json(), "extra": schedule.extra}
            self.stdout.write(json.dumps(reading, ensure_ascii=False))
