"""`muniplan quota TEXT`: the quotas MuniPlan reads in a text, as JSON (see INTERFACES.md)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from muniplan.quotas import read_quotas


class Command(BaseCommand):
    help = (
        "Читает нормативы в тексте мероприятия («не менее 1 новости в неделю») и печатает JSON. "
        "Без текста читает по одному тексту в строке со стандартного ввода."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="*", help="текст (слова соединяются пробелом)")

    def handle(self, *args, text, **options):
        texts = [" ".join(text)] if text else (line.rstrip("\r\n") for line in options.get("stdin") or sys.stdin)
        for one in texts:
            self.stdout.write(json.dumps(read_quotas(one).to_json(), ensure_ascii=False))
