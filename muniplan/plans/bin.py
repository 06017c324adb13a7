"""The bin: what a delete removed stays restorable for `BIN_DAYS` days.

Deletes stay real deletes, so every query elsewhere keeps reading `Activity.objects` without a
«deleted» flag. Before deleting, Django's own `Collector` gathers every row the delete would reach —
sub-activities, participants, unit links and rows of any app that points at an activity, including
apps added later — and those rows are kept as Django's JSON serialization with their primary keys.
References the delete cleared (`SET_NULL`, e.g. next year's copies pointing at their source) are
kept too and set back on restore. The change history is not touched by a delete (it refers to
objects by id), so a restored activity has its whole history again.

A restore puts the rows back in dependency order. It refuses, in Russian, when something the rows
belong to is gone: the plan cannot be gone (its entries go with it), but a section or a parent
activity deleted later must be restored first — restoring into some other section would put the
activity where nobody placed it. Stored files a kept row refers to are never removed before its entry
is purged (`files_in_bin`, for any cleanup of files).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone

from muniplan.audit.services import audit_record

from .models import Activity, BinEntry, Participation, Plan, Section

BIN_DAYS = 30


def _key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _collect(obj: models.Model) -> Collector:
    collector = Collector(using=router.db_for_write(type(obj), instance=obj))
    try:
        # a copy: the caller's object keeps its primary key for messages and links after the delete
        collector.collect([type(obj)._default_manager.get(pk=obj.pk)])
    except (ProtectedError, RestrictedError) as error:
        blocking = sorted({str(o._meta.verbose_name) for o in error.args[1]})
        raise ValidationError(
            f"Нельзя удалить «{obj}»: на него ссылаются записи ({', '.join(blocking)}). "
            "Удалите или измените их сначала."
        ) from error
    return collector


def _rows(collector: Collector) -> list[models.Model]:
    rows = [obj for instances in collector.data.values() for obj in instances]
    for queryset in collector.fast_deletes:
        # many-to-many links are serialized with the row that owns the field
        if not queryset.model._meta.auto_created:
            rows.extend(queryset)
    return rows


def _relinks(collector: Collector) -> list[list]:
    relinks = []
    for (field, _value), batches in collector.field_updates.items():
        for objs in batches:
            if isinstance(objs, models.QuerySet):
                pairs = list(objs.values_list("pk", field.attname))
            else:
                pairs = [(o.pk, getattr(o, field.attname)) for o in objs]
            relinks += [
                [field.model._meta.label_lower, pk, field.attname, old] for pk, old in pairs
            ]
    return relinks


def _files(rows: list[models.Model]) -> list[str]:
    return sorted(
        {
            getattr(row, field.name).name
            for row in rows
            for field in row._meta.concrete_fields
            if isinstance(field, models.FileField) and getattr(row, field.name)
        }
    )


def bin_takes_along(obj: Activity | Section) -> dict[str, int]:
    """What deleting `obj` would remove besides the plan's own rows (sections, activities and their
    participants, which a confirmation names one by one): how many rows of each kind, such as execution
    reports, whatever app they come from. Raises the Russian `ValidationError` a delete would."""
    counts = Counter(
        str(row._meta.verbose_name_plural)
        for row in _rows(_collect(obj))
        if not isinstance(row, Section | Activity | Participation)
    )
    return dict(sorted(counts.items()))


def bin_delete(
    *, obj: Activity | Section, plan: Plan, by, summary: str
) -> tuple[BinEntry, list[models.Model]]:
    """Keep everything deleting `obj` would remove in a bin entry, then delete it. Call inside a transaction.

    Returns the entry and the rows removed (the caller records them in the history).
    """
    collector = _collect(obj)
    rows = _rows(collector)
    entry = BinEntry.objects.create(
        organization_id=plan.organization_id,
        plan=plan,
        kind=obj._meta.model_name,
        object_id=obj.pk,
        summary=summary[:500],
        activity_count=sum(isinstance(r, Activity) for r in rows),
        rows=serializers.serialize("json", rows),
        keys=[_key(r) for r in rows],
        relinks=_relinks(collector),
        files=_files(rows),
        deleted_by=by if getattr(by, "is_authenticated", False) else None,
    )
    collector.delete()
    return entry, rows


# --- restore ---------------------------------------------------------------------------------


def _foreign_keys(obj: models.Model):
    for field in obj._meta.concrete_fields:
        if field.is_relation and field.many_to_one and getattr(obj, field.attname) is not None:
            yield field, getattr(obj, field.attname)


def _target_key(field, value) -> str:
    return f"{field.related_model._meta.label_lower}:{value}"


def _target_exists(field, value) -> bool:
    return field.related_model._default_manager.filter(
        **{field.target_field.attname: value}
    ).exists()


def _holder(entry: BinEntry, key: str) -> BinEntry | None:
    return next(
        (
            e
            for e in BinEntry.objects.filter(plan_id=entry.plan_id)
            .exclude(pk=entry.pk)
            .only("keys", "summary", "kind")
            if key in e.keys
        ),
        None,
    )


def _settle_references(entry: BinEntry, items: list, keys: set[str]) -> None:
    """Every reference must lead to a row of this entry or to a row that exists.

    A row belongs to what it cascades from (a sub-activity to its parent): with that gone, the restore
    is refused; a reference that is only a link (`SET_NULL`, such as the source of a copy) is cleared."""
    for item in items:
        for field, value in _foreign_keys(item.object):
            key = _target_key(field, value)
            if key in keys or _target_exists(field, value):
                continue
            if field.remote_field.on_delete is models.SET_NULL:
                # what deleting the target would have done to this row anyway
                setattr(item.object, field.attname, None)
                continue
            holder = _holder(entry, key)
            if holder is not None:
                raise ValidationError(
                    f"«{entry.summary}» относится к удалённому объекту. Сначала восстановите "
                    f"из корзины: {holder.get_kind_display().lower()} «{holder.summary}»."
                )
            raise ValidationError(
                f"«{entry.summary}» нельзя восстановить: {field.related_model._meta.verbose_name} "
                "(к которому относилась запись) удалён безвозвратно."
            )


def _in_dependency_order(items: list, keys: set[str]) -> list:
    """Rows referred to come before the rows referring to them (sections, parents, then children)."""
    ordered, placed, pending = [], set(), list(items)
    while pending:
        ready = [
            item
            for item in pending
            if all(
                _target_key(f, v) not in keys or _target_key(f, v) in placed
                for f, v in _foreign_keys(item.object)
            )
        ] or pending  # a cycle: constraints are deferred
        ordered += ready
        placed |= {_key(item.object) for item in ready}
        pending = [item for item in pending if item not in ready]
    return ordered


def _keep_existing_links(item) -> None:
    for name, pks in item.m2m_data.items():
        related = item.object._meta.get_field(name).related_model
        item.m2m_data[name] = list(
            related._default_manager.filter(pk__in=pks).values_list("pk", flat=True)
        )


def _relink(relinks: list[list]) -> None:
    for label, pk, attname, old in relinks:
        apps.get_model(label)._default_manager.filter(pk=pk, **{attname: None}).update(
            **{attname: old}
        )


@transaction.atomic
def bin_restore(*, entry: BinEntry, by) -> list[models.Model]:
    """Put back every row of the entry with its original primary key, record it, and empty the entry."""
    entry = (
        BinEntry.objects.select_for_update().select_related("plan__organization").get(pk=entry.pk)
    )
    if not entry.plan.is_editable:
        raise ValidationError(
            "План утверждён: откройте его для изменений, затем восстановите удалённое."
        )
    items = list(serializers.deserialize("json", entry.rows))
    keys = {_key(item.object) for item in items}
    if any(type(item.object)._default_manager.filter(pk=item.object.pk).exists() for item in items):
        raise ValidationError(f"«{entry.summary}» уже восстановлено.")
    _settle_references(entry, items, keys)
    for item in _in_dependency_order(items, keys):
        _keep_existing_links(item)
        item.save()
    _relink(entry.relinks)
    restored = [item.object for item in items]
    for obj in restored:
        if isinstance(obj, Activity | Section):
            audit_record(
                action=f"plans.{obj._meta.model_name}.restored",
                obj=obj,
                by=by,
                plan=entry.plan,
                summary=str(obj),
            )
    entry.delete()
    return restored


# --- purge -----------------------------------------------------------------------------------


def files_in_bin() -> set[str]:
    """Stored files that bin entries still refer to: a cleanup of files must leave these alone."""
    return {name for files in BinEntry.objects.values_list("files", flat=True) for name in files}


@transaction.atomic
def bin_purge(*, now: dt.datetime | None = None, days: int = BIN_DAYS) -> int:
    """Remove entries older than `days` and the stored files only they referred to; returns how many."""
    old = BinEntry.objects.filter(deleted_at__lt=(now or timezone.now()) - dt.timedelta(days=days))
    files = {name for names in old.values_list("files", flat=True) for name in names}
    count, _ = old.delete()
    orphans = files - files_in_bin() - _files_in_use(files)
    transaction.on_commit(lambda: [default_storage.delete(name) for name in sorted(orphans)])
    return count


def _files_in_use(names: set[str]) -> set[str]:
    """Which of these stored names a live row of any model still refers to (a restore may have put it back)."""
    used = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and names:
                used |= set(
                    model._default_manager.filter(**{f"{field.attname}__in": names}).values_list(
                        field.attname, flat=True
                    )
                )
    return used
