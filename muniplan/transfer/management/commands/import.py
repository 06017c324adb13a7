"""`muniplan import FILE --org ORG` loads a plan or resolution; `--dry-run --json` only prints what was read."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from muniplan.accounts.models import Organization
from muniplan.readers import read_document
from muniplan.readers.draft import ReadError
from muniplan.transfer.services import document_confirm, document_read, preview_warnings


class Command(BaseCommand):
    help = "Загрузить план работы или резолюцию из документа (.docx, .pdf, .xlsx, .csv, .txt)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--org", help="организация: её номер или точное название")
        parser.add_argument("--year", type=int, help="год плана, если он не указан в документе")
        parser.add_argument("--user", help="от чьего имени записать загрузку в историю")
        parser.add_argument(
            "--force",
            action="store_true",
            help="загрузить, даже если этот файл уже загружался или план на этот год уже есть",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="только прочитать, ничего не сохранять"
        )
        parser.add_argument(
            "--json", action="store_true", help="вывести прочитанное в формате JSON"
        )

    def handle(
        self,
        *args,
        file: str,
        org: str | None,
        year: int | None,
        user: str | None,
        force: bool,
        dry_run: bool,
        json: bool,
        **options,
    ):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError:
            self._fail(f"Файл {path.name} не найден или недоступен для чтения.")
        try:
            if dry_run:
                self._print(read_document(path.name, data).to_json(), as_json=json)
                return
            organization = self._organization(org)
            by = self._user(user)
            document = document_read(
                organization=organization, filename=path.name, data=data, by=by
            )
            # what the web preview shows before «Подтвердить»: here it stops the load unless forced
            warnings = preview_warnings(document)
            if warnings and not force:
                self._fail(
                    f"Файл {path.name} не загружен: {' '.join(warnings)} "
                    "Чтобы загрузить всё равно, повторите с --force."
                )
            for warning in warnings:
                self.stderr.write(warning)
            created = document_confirm(document=document, by=by, year=year)
        except ReadError as error:
            self._fail(str(error))
        except ValidationError as error:
            self._fail(" ".join(error.messages))
        self._print(
            {
                "id": created.pk,
                "kind": document.kind,
                "document": document.pk,
                "title": str(created),
            },
            as_json=json,
        )

    def _user(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Пользователь «{username}» не найден.")
        return user

    def _organization(self, value: str | None) -> Organization:
        if not value:
            raise CommandError("Укажите организацию: --org <номер или название>.")
        found = (
            Organization.objects.filter(pk=int(value))
            if value.isdigit()
            else Organization.objects.filter(name=value)
        )
        if not found.exists():
            raise CommandError(f"Организация «{value}» не найдена.")
        return found.get()

    def _print(self, data: dict, *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(_summary(data))

    def _fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(1)


def _summary(data: dict) -> str:
    if "sections" in data:
        count = sum(1 + len(a["children"]) for s in data["sections"] for a in s["activities"])
        return f"{data['title']}\nРазделов: {len(data['sections'])}, мероприятий: {count}"
    if "addressees" in data:
        return f"{data['title']}\nАдресатов: {len(data['addressees'])}"
    return f"Загружено: {data['title']} (№ {data['id']})"
