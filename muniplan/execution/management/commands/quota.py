"""`muniplan quota TEXT`: the quotas MuniPlan reads in a text, as JSON (see INTERFACES.md)."""

from __future__ import annotations

import json

from muniplan.lib.commands import TextsCommand
from muniplan.quotas import read_quotas


class Command(TextsCommand):
    help = (
        "Читает нормативы в тексте мероприятия («не менее 1 новости в неделю») и печатает JSON. "
        "Без текста читает по одному тексту в строке со стандартного ввода."
    )

    def handle(self, *args, text, **options):
        for one in self.texts(text, options):
            self.stdout.write(json.dumps(read_quotas(one).to_json(), ensure_ascii=False))
