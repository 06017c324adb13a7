"""The change history in the users' words: Russian names of actions and fields, readable values."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()

ACTIONS = {
    "plans.plan.created": "План создан",
    "plans.plan.updated": "План изменён",
    "plans.plan.approved": "План утверждён",
    "plans.plan.reopened": "План открыт для изменений",
    "plans.plan.archived": "План перенесён в архив",
    "plans.plan.imported": "План загружен из документа",
    "plans.plan.rolled_over": "План скопирован на следующий год",
    "plans.plan.completed_from": "План дополнен мероприятиями прошлогоднего плана",
    "plans.section.created": "Раздел добавлен",
    "plans.section.updated": "Раздел изменён",
    "plans.section.deleted": "Раздел удалён",
    "plans.section.moved": "Раздел перемещён",
    "plans.section.restored": "Раздел восстановлен из корзины",
    "plans.activity.created": "Мероприятие добавлено",
    "plans.activity.updated": "Мероприятие изменено",
    "plans.activity.deleted": "Мероприятие удалено",
    "plans.activity.moved": "Мероприятие перемещено",
    "plans.activity.restored": "Мероприятие восстановлено из корзины",
    "transfer.document.confirmed": "Документ загружен",
    "publishing.plan.published": "План опубликован",
    "publishing.plan.unpublished": "План снят с публикации",
    "resolutions.resolution.imported": "Резолюция загружена",
    "accounts.unit.created": "Подразделение добавлено",
    "accounts.unit.updated": "Подразделение изменено",
    "accounts.membership.created": "Пользователь добавлен",
    "accounts.membership.updated": "Права пользователя изменены",
    "accounts.membership.removed": "Пользователь исключён из организации",
    "accounts.login.unlocked": "Вход пользователя разблокирован",
    "accounts.profile.updated": "Сведения о пользователе изменены",
    "accounts.password.changed": "Пароль пользователя изменён",
    "control.item.created": "Поставлено на контроль",
    "control.item.updated": "Поручение изменено",
    "control.item.noted": "Добавлен отчёт об исполнении",
    "control.item.closed": "Снято с контроля",
    "control.item.returned": "Возвращено на доработку",
    "control.item.extended": "Срок продлён",
    "control.item.extension_requested": "Запрошено продление срока",
    "control.item.extension_refused": "В продлении срока отказано",
    "control.recommendations.planned": "Рекомендации включены в план",
    "execution.report.created": "Отчёт об исполнении добавлен",
    "execution.report.updated": "Отчёт об исполнении изменён",
    "execution.report.deleted": "Отчёт об исполнении удалён",
    "execution.attachment.deleted": "Файл отчёта удалён",
    "execution.status.overridden": "Статус мероприятия изменён вручную",
    "transfer.document.purged": "Неподтверждённый документ удалён",
    "transfer.document.dropped": "Документ исключён из пакета загрузки",
    "transfer.batch.created": "Пакет документов загружен",
    "transfer.sheet.applied": "Применены изменения из Excel",
    "documents.layout.changed": "Оформление плана изменено",
    "documents.letterhead.uploaded": "Загружен бланк организации",
    "documents.letterhead.deleted": "Бланк организации удалён",
    "documents.export.queued": "Выгрузка плана поставлена в очередь",
    "documents.export.done": "Выгрузка плана готова",
    "control.feed.regenerated": "Ссылка на календарь контроля выдана заново",
    "control.feed.revoked": "Ссылка на календарь контроля отозвана",
}

FIELDS = {
    "number": "№",
    "title": "Наименование",
    "description": "Характеристика",
    "location": "Место проведения",
    "format": "Формат",
    "responsible_units": "Ответственные исполнители",
    "responsible_text": "Ответственный (иное)",
    "partners": "Партнёры",
    "funding_text": "Финансовое обеспечение",
    "funding_amount": "Сумма, руб.",
    "period_text": "Период",
    "months": "Месяцы",
    "participants": "Участники",
    "section": "Раздел",
    "year": "Год",
    "status": "Статус",
    "approved_on": "Дата утверждения",
    "approval_decision": "Решение об утверждении",
    "notes": "Заметки",
    "source_plan": "План-источник",
    "activities": "Мероприятий",
    "role": "Роль",
    "units": "Подразделения",
    "name": "Название",
    "kind": "Вид",
    "period": "Период",
    "responsible": "Ответственный",
    "funding": "Финансовое обеспечение",
    "instruction": "Поручение",
    "executor_unit": "Исполнитель (подразделение)",
    "executor_text": "Исполнитель",
    "controller": "Контролёр",
    "deadline": "Срок исполнения",
    "evidence": "Материалы",
    "done_on": "Дата проведения",
    "done_until": "Окончание",
    "text": "Что сделано",
    "municipalities": "Муниципальные образования",
    "links": "Ссылки",
    "deliveries": "Итоги по нормативам",
    "attachments": "Файлы",
    "carried_over": "перенесено с прошлого года",
    "plan_layout": "Оформление плана",
    # counts of an Excel round trip (`transfer.sheet.applied`)
    "renamed": "Переименовано разделов",
    "changed": "Изменено мероприятий",
    "added": "Добавлено мероприятий",
    "deleted": "Удалено мероприятий",
    "moved": "Перемещено мероприятий",
}


@register.filter
def action_label(code: str) -> str:
    return ACTIONS.get(code, code)


@register.filter
def field_label(name: str) -> str:
    return FIELDS.get(name, name)


@register.filter
def value_label(value) -> str:
    """Lists read as «a; b», ISO dates as «15.12.2025», nothing as «—»."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value).strftime("%d.%m.%Y")
        except ValueError:
            return value
    return str(value)


@register.filter
def field_value(value, name: str) -> str:
    """`value_label`, with month numbers read as the plan writes them («январь–март»)."""
    if (
        name == "months"
        and isinstance(value, list)
        and value
        and all(isinstance(v, int) for v in value)
    ):
        # imported here: the plans app's tags load the audit app's models
        from muniplan.plans.templatetags.schedule import months_label

        return months_label(value)
    return value_label(value)
