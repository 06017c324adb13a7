"""`muniplan search QUERY [--org ID] --json`: what a council keeps that matches, best first
(the contract in INTERFACES.md)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from muniplan.accounts.models import Organization
from muniplan.search.selectors import search


class Command(BaseCommand):
    help = "Найти мероприятия и отчёты об исполнении по словам (в любых падежах и числах)."

    def add_arguments(self, parser):
        parser.add_argument("query", help="что искать")
        parser.add_argument("--org", type=int, help="только в этой организации (её номер)")
        parser.add_argument("--limit", type=int, default=50, help="сколько найденного показать")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="вывести одним массивом JSON"
        )

    def handle(self, *args, query: str, org: int | None, limit: int, as_json: bool, **options):
        if org is not None and not Organization.objects.filter(pk=org).exists():
            self.stderr.write(f"Организация № {org} не найдена.")
            sys.exit(1)
        hits = search(query, organization_id=org, limit=max(1, limit))
        if as_json:
            self.stdout.write(json.dumps([h.as_json() for h in hits], ensure_ascii=False))
            return
        for hit in hits:
            self.stdout.write(f"{hit.kind}\t{hit.id}\t{hit.title}\t{hit.url}")
        if not hits:
            self.stdout.write("Ничего не найдено.")
