from __future__ import annotations

from django.core.management.base import BaseCommand

from muniplan.transfer.demo import demo_load


class Command(BaseCommand):
    help = "Загрузить демонстрационные организации, пользователей и планы из документов-образцов."

    def handle(self, *args, **options):
        logins = demo_load()
        self.stdout.write("Демонстрационные данные загружены. Вход:")
        for login in logins:
            self.stdout.write(f"  {login.username} / {login.password} — {login.purpose}")
