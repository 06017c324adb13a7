"""`muniplan plans --json`: every plan as one JSON array (the contract in INTERFACES.md)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.db.models import Count

from muniplan.plans.models import Plan


class Command(BaseCommand):
    help = "Список планов: номер, организация, год, заголовок, статус, число мероприятий."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="вывести одним массивом JSON"
        )

    def handle(self, *args, as_json: bool = False, **options):
        plans = plan_list()
        if as_json:
            self.stdout.write(json.dumps(plans, ensure_ascii=False))
            return
        statuses = dict(Plan.Status.choices)  # the JSON keeps the codes; people read the words
        for p in plans:
            self.stdout.write(
                f"{p['id']}\t{p['organization']}\t{p['year']}\t{statuses[p['status']]}\t"
                f"{p['activities']}\t{' '.join(p['title'].split())}"
            )


def plan_list() -> list[dict]:
    plans = (
        Plan.objects.select_related("organization")
        .annotate(count=Count("activities"))
        .order_by("organization__name", "-year", "id")
    )
    return [
        {
            "id": p.pk,
            "organization": p.organization.name,
            "year": p.year,
            "title": p.title,
            "status": p.status,
            "activities": p.count,
        }
        for p in plans
    ]
