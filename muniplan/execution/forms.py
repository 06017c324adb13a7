from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from muniplan.lib.forms import MultipleFileField
from muniplan.lib.locking import VersionedForm
from muniplan.lib.participants import participants_from_lines
from muniplan.lib.sizes import too_large
from muniplan.periods.lexicon import MONTH_NAMES
from muniplan.quotas import Quota, plural
from muniplan.quotas.lexicon import ACTIVITY_ITEM

from .models import ExecutionReport, Status
from .services import ReportInput, Upload

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def delivery_items(quotas: tuple[Quota, ...]) -> list[str]:
    """One count per kind of item the activity's quotas name; «мероприятие» is the report itself."""
    return list(dict.fromkeys(q.item for q in quotas if q.item != ACTIVITY_ITEM))


class ReportForm(VersionedForm):
    done_on = forms.DateField(label="Дата проведения (или начала)", widget=_DATE)
    done_until = forms.DateField(
        label="Дата окончания",
        required=False,
        widget=_DATE,
        help_text="Если работа шла несколько дней или недель",
    )
    text = forms.CharField(label="Что сделано", widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.CharField(
        label="Фактические участники",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По строке на категорию: «главы муниципальных образований 25 человек»",
    )
    municipalities = forms.CharField(
        label="Охваченные муниципальные образования",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    links = forms.CharField(
        label="Ссылки (сайт, Telegram, ВКонтакте)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="По ссылке в строке",
    )
    attachments = MultipleFileField(
        label="Файлы (фотографии, документы)",
        required=False,
        accept=".jpg,.jpeg,.png,.pdf,.docx,.xlsx",
        help_text="JPEG, PNG, PDF, Word (.docx), Excel (.xlsx)",
    )

    def __init__(self, *args, quotas: tuple[Quota, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.delivery_items = delivery_items(quotas)
        for index, item in enumerate(self.delivery_items):
            self.fields[f"delivery_{index}"] = forms.IntegerField(
                label=f"Сколько: {plural(item)}", min_value=0, max_value=100_000, required=False
            )

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for number, link in enumerate(links, start=1):
            try:
                check(link)
            except ValidationError as error:
                raise ValidationError(
                    f"Строка {number}: «{link[:80]}» не похожа на ссылку (нужно https://…)."
                ) from error
        return links

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        limit = settings.MUNIPLAN_MAX_UPLOAD_BYTES
        for upload in files:
            if upload.size > limit:
                raise ValidationError(too_large(upload.name, upload.size, limit))
        return files

    def clean(self):
        data = super().clean()
        if data.get("done_on") and data.get("done_until") and data["done_until"] < data["done_on"]:
            self.add_error("done_until", "Дата окончания раньше даты начала.")
        return data

    def to_input(self) -> ReportInput:
        d = self.cleaned_data
        return ReportInput(
            done_on=d["done_on"],
            done_until=d["done_until"],
            text=d["text"],
            municipalities=d["municipalities"],
            links=d["links"],
            participants=participants_from_lines(d["participants"]),
            deliveries=[
                (item, d.get(f"delivery_{i}") or 0) for i, item in enumerate(self.delivery_items)
            ],
        )

    def uploads(self) -> list[Upload]:
        return [Upload(f.name, f.read()) for f in self.cleaned_data["attachments"]]

    @staticmethod
    def initial_for(report: ExecutionReport, delivery_items: list[str]) -> dict:
        counts: dict[str, int] = {}
        for d in report.deliveries.all():
            counts[d.item] = counts.get(d.item, 0) + d.count
        return {
            "version": report.version,
            "done_on": report.done_on,
            "done_until": report.done_until,
            "text": report.text,
            "municipalities": report.municipalities,
            "links": "\n".join(report.links),
            "participants": "\n".join(str(p) for p in report.participations.all()),
            **{f"delivery_{i}": counts.get(item) for i, item in enumerate(delivery_items)},
        }


STATUS_CHOICES = [
    ("", "рассчитывать автоматически"),
    (Status.DONE, "выполнено"),
    (Status.CANCELLED, "отменено"),
    (Status.MOVED, "перенесено"),
    (Status.IN_PROGRESS, "выполняется"),
]


class OverrideForm(forms.Form):
    new = forms.ChoiceField(label="Статус", choices=STATUS_CHOICES, required=False)
    moved_to_month = forms.TypedChoiceField(
        label="Перенести на",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "следующий год")]
        + [(i, name) for i, name in enumerate(MONTH_NAMES, start=1)],
        help_text="Только для статуса «перенесено»",
    )
    reason = forms.CharField(label="Причина", widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("new") != Status.MOVED:
            data["moved_to_month"] = None
        return data
