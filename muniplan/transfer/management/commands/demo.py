from __future__ import annotations

from django.core.management.base import BaseCommand

from muniplan.transfer.demo import demo_load


class Command(BaseCommand):
    help = "Загрузить демонстрационные организации, пользователей и планы из документов-образцов."

    def handle(self, *args, **options):
        logins = demo_load()
        self.stdout.write(f"Демонстрационные данные загружены. Пароль у всех: {logins[0].password}")
        width = max(len(login.username) for login in logins)
        self.stdout.write(f"  {'вход'.ljust(width)}  кто и что видит")
        for login in logins:
            self.stdout.write(
                f"  {login.username.ljust(width)}  {login.full_name}, {login.position}"
            )
            self.stdout.write(f"  {''.ljust(width)}  {login.purpose}")
