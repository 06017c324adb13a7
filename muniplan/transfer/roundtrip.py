"""A plan exported to Excel, edited there and uploaded again: the differences per activity.

Rows are matched by the row code column the export writes (`documents/renderers/sheet.py`),
never by position: moved rows stay themselves, rows without a code are new, codes missing
from the sheet are deleted activities. A code of another plan or organization refuses the
whole file. A band under a new title renames a section whose title is gone from the sheet:
the one its coded rows come from, else the one whose band stood at its place; any other new
band is a new section. Cells are compared with what the export wrote for the same activity, so a column
the layout does not have (the Tula grid has no description) never clears anything.

Reading makes a preview (stored on an `ImportedDocument`, kind «plan_update»); only
`sheet_apply` writes, in one transaction, through the plan services and their audit entries.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from muniplan.audit.services import audit_record
from muniplan.documents.layouts import cell_text, get_layout, roman, section_title
from muniplan.lib.locking import StaleVersion
from muniplan.periods.schedule import Frequency, Schedule
from muniplan.plans.models import Activity, Plan, Section
from muniplan.plans.services import (
    ActivityInput,
    activity_create,
    activity_delete,
    activity_move,
    activity_update,
    section_create,
    section_update,
)
from muniplan.readers import read_table
from muniplan.readers.draft import ReadError
from muniplan.readers.plan.cells import parse_participants, parse_responsible
from muniplan.readers.plan.headers import ID_HEADER, find_header, squash
from muniplan.readers.table import Table
from muniplan.readers.text.clean import clean, clean_lines

from .models import ImportedDocument

KIND = "plan_update"
_TICKS = {"+", "х", "x", "v", "✓", "✔", "*", "•", "да", "1"}
FIELD_NAMES = {
    "number": "№",
    "title": "наименование",
    "description": "характеристика",
    "period": "период",
    "responsible": "ответственный / финансирование",
    "participants": "участники",
    "months": "месяцы",
}
CHANGE_KINDS = ("renamed", "changed", "added", "deleted", "moved")


@dataclass
class SheetRow:
    row: int  # the row number Excel shows, for messages
    id: int | None
    section: str
    cells: dict[str, str] = field(
        default_factory=dict
    )  # field → cell text, only the sheet's columns


# --- reading -------------------------------------------------------------------------------------


def sheet_rows(filename: str, data: bytes) -> tuple[list[SheetRow], list[str], list[str]]:
    """The activity rows of the sheet with their section, the section bands in their order
    (empty sections included), and the fields the sheet has."""
    table = read_table(filename, data, limit=settings.MUNIPLAN_MAX_UPLOAD_BYTES)
    header = find_header(table)
    if header is None:
        raise ReadError(f"Файл {filename}: не найдена строка заголовков таблицы плана.")
    id_column = next(
        (i for i, t in enumerate(header.texts) if squash(t) == squash(ID_HEADER)), None
    )
    if id_column is None:
        raise ReadError(
            f"Файл {filename}: нет столбца «{ID_HEADER}». Загрузите файл Excel, выгруженный из этого плана."
        )
    fields = sorted(set(header.columns.values()))
    return *_rows(table, header, id_column, filename), fields


def _rows(table: Table, header, id_column: int, filename: str) -> tuple[list[SheetRow], list[str]]:
    rows, bands, section = [], [], None
    for index in range(header.row + 1, len(table.rows)):
        raw = table.rows[index] + [""] * (table.width - len(table.rows[index]))
        texts = [clean(c) for c in raw]
        code = texts[id_column]
        filled = [i for i, t in enumerate(texts) if t and i != id_column]
        if not filled and not code:
            continue
        cells = {name: texts[i] for i, name in header.columns.items()}
        if not code and len(filled) == 1 and not cells.get("title"):
            section = texts[filled[0]]  # a band row: one text across the table
            bands.append(section)
            continue
        rows.append(SheetRow(index + 1, _code(code, index + 1, filename), section, cells))
    return rows, bands


def _code(text: str, row: int, filename: str) -> int | None:
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        raise ReadError(
            f"Файл {filename}, строка {row}: «{text}» не является кодом строки плана."
        ) from None


# --- differences ---------------------------------------------------------------------------------


def sheet_read(*, plan: Plan, filename: str, data: bytes, by) -> ImportedDocument:
    """Read an edited export and keep it, with its differences, for a person to confirm."""
    name = PurePath(filename).name
    if PurePath(name).suffix.lower() != ".xlsx":
        raise ReadError(f"Файл {name}: загрузите файл Excel (.xlsx), выгруженный из плана.")
    rows, bands, fields = sheet_rows(name, data)
    changes = sheet_changes(plan, rows, fields, name, bands=bands)
    document = ImportedDocument(
        organization=plan.organization,
        uploaded_by=by,
        original_name=name[:255],
        extension=".xlsx",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        kind=KIND,
        plan=plan,
        status=ImportedDocument.Status.PREVIEW,
        draft={
            "fields": fields,
            "rows": [asdict(r) for r in rows],
            "bands": bands,
            "changes": changes,
            # the versions the preview was made against: an activity changed since is not overwritten
            "versions": {str(pk): v for pk, v in plan.activities.values_list("pk", "version")},
        },
    )
    with transaction.atomic():
        document.file.save(name, ContentFile(data), save=False)
        document.save()
    return document


def _activities(plan: Plan) -> dict[int, Activity]:
    return {
        a.pk: a
        for a in plan.activities.select_related("section").prefetch_related(
            "responsible_units", "participations"
        )
    }


def _check_codes(
    plan: Plan, rows: list[SheetRow], known: dict[int, Activity], filename: str
) -> None:
    seen: dict[int, int] = {}
    for row in rows:
        if row.id is None:
            continue
        if row.id not in known:
            raise ValidationError(
                f"Файл {filename}, строка {row.row}: код {row.id} не относится к плану «{plan}» — "
                f"строки другого плана или другой организации загрузить нельзя."
            )
        if row.id in seen:
            raise ValidationError(
                f"Файл {filename}, строка {row.row}: код {row.id} уже встречался в строке {seen[row.id]}."
            )
        seen[row.id] = row.row


def sheet_changes(
    plan: Plan, rows: list[SheetRow], fields: list[str], filename: str, *, bands: list[str]
) -> list[dict]:
    """One entry per renamed section (kind «renamed»), then one per activity that changes:
    «changed», «added», «deleted» or «moved»."""
    known = _activities(plan)
    _check_codes(plan, rows, known, filename)
    layout = get_layout(None, plan.organization)
    sections, renames = _band_sections(plan, bands, rows, known, layout)
    changes = [
        {"kind": "renamed", "id": section.pk, "number": "", "title": section.title, "new": title}
        for section, title in renames
    ]
    for row in rows:
        if row.id is None:
            if not row.cells.get("title"):
                raise ValidationError(
                    f"Файл {filename}, строка {row.row}: у новой строки нет наименования мероприятия."
                )
            changes.append(
                {
                    "kind": "added",
                    "row": row.row,
                    "number": row.cells.get("number", ""),
                    "title": clean_lines(row.cells["title"])[0],
                    "section": row.section or "",
                }
            )
            continue
        activity = known[row.id]
        fields_changed = _changed_cells(activity, row, fields)
        if fields_changed:
            changes.append(
                {
                    "kind": "changed",
                    "row": row.row,
                    "id": activity.pk,
                    "number": activity.number,
                    "title": activity.title,
                    "fields": fields_changed,
                }
            )
    present = {r.id for r in rows if r.id}
    for activity in known.values():
        if activity.pk not in present:
            changes.append(
                {
                    "kind": "deleted",
                    "id": activity.pk,
                    "number": activity.number,
                    "title": activity.title,
                }
            )
    changes += _moves(rows, known, sections)
    return changes


def _changed_cells(activity: Activity, row: SheetRow, fields: list[str]) -> dict[str, list[str]]:
    changed: dict[str, list[str]] = {}
    for name in fields:
        if name.startswith("month:"):
            continue
        old, new = clean(cell_text(activity, name)), row.cells.get(name, "")
        if old != new:
            changed[name] = [old, new]
    months = _ticked(row, fields)
    if months is not None and months != _exported_months(activity, fields):
        changed["months"] = [
            _months_label(_exported_months(activity, fields)),
            _months_label(months),
        ]
    return changed


def _ticked(row: SheetRow, fields: list[str]) -> list[int] | None:
    """The months marked in the sheet (a whole-year mark is all twelve); None without month columns."""
    if not any(f.startswith("month:") for f in fields):
        return None
    if row.cells.get("month:all", "").lower() in _TICKS:
        return list(range(1, 13))
    return [m for m in range(1, 13) if row.cells.get(f"month:{m}", "").lower() in _TICKS]


def _exported_months(activity: Activity, fields: list[str]) -> list[int]:
    cells = {f: cell_text(activity, f) for f in fields if f.startswith("month:")}
    if "month:all" not in fields:  # a layout without a grid gets one mark a month in Excel
        return activity.months
    if cells.get("month:all") == "+":
        return list(range(1, 13))
    return [m for m in range(1, 13) if cells.get(f"month:{m}") == "+"]


def _months_label(months: list[int]) -> str:
    return ", ".join(map(str, months)) or "—"


def _moves(rows: list[SheetRow], known: dict[int, Activity], sections: dict) -> list[dict]:
    """Activities whose section changed, or whose order among the others of the section did."""
    moves = []
    target: dict[int, list[int]] = {}
    for row in rows:
        if row.id is None:
            continue
        activity = known[row.id]
        section = sections.get(row.section or "")
        if activity.parent_id is None and section is not None and section.pk != activity.section_id:
            moves.append(_move(activity, f"в раздел «{section.title}»"))
        elif activity.parent_id is None and section is None and row.section:
            moves.append(_move(activity, f"в новый раздел «{row.section}»"))
        else:
            target.setdefault(activity.parent_id or -activity.section_id, []).append(activity.pk)
    for key, sheet_order in target.items():
        current = [
            a.pk
            for a in sorted(known.values(), key=lambda a: (a.position, a.pk))
            if (a.parent_id or -a.section_id) == key and a.pk in sheet_order
        ]
        kept = set()
        for block in difflib.SequenceMatcher(
            a=current, b=sheet_order, autojunk=False
        ).get_matching_blocks():
            kept.update(current[block.a : block.a + block.size])
        moves += [_move(known[pk], "на другое место") for pk in sheet_order if pk not in kept]
    return moves


def _move(activity: Activity, where: str) -> dict:
    return {
        "kind": "moved",
        "id": activity.pk,
        "number": activity.number,
        "title": activity.title,
        "where": where,
    }


def _band_sections(
    plan: Plan, bands: list[str], rows: list[SheetRow], known: dict[int, Activity], layout
) -> tuple[dict[str, Section], list[tuple[Section, str]]]:
    """Each band's section — by its title as exported (the Tula layout adds numerals) or as
    stored, else the section it renames — and the renames as (section, new title)."""
    names: dict[str, Section] = {}
    titled = [(i, s) for i, s in enumerate(plan.sections.all(), 1) if s.title]
    for index, section in titled:
        names.setdefault(section_title(layout, section.title, index), section)
        names.setdefault(section.title, section)
    named = {names[b].pk for b in bands if b in names}
    gone = {s.pk: (i, s) for i, s in titled if s.pk not in named}
    renames = []
    # the rows a band holds tell best which section it was; its place only then
    for guess in (_origin, _place):
        for place, band in enumerate(bands):
            found = None if band in names else guess(band, place, rows, known, gone, titled)
            if found is not None:
                index, section = gone.pop(found)
                names[band] = section
                renames.append((section, _stored_title(layout, section, index, band)))
    return names, renames


def _origin(band: str, place: int, rows: list[SheetRow], known, gone: dict, titled) -> int | None:
    """The section (pk) whose title is gone from the sheet and whose coded rows the band holds
    (rows moved in from sections still in the sheet say nothing)."""
    origins = {
        known[r.id].section_id
        for r in rows
        if r.section == band and r.id is not None and known[r.id].parent_id is None
    } & gone.keys()
    return origins.pop() if len(origins) == 1 else None


def _place(band: str, place: int, rows: list[SheetRow], known, gone: dict, titled) -> int | None:
    """The section (pk) whose title is gone from the sheet and whose band stood at this place."""
    pk = titled[place][1].pk if place < len(titled) else None
    return pk if pk in gone else None


def _stored_title(layout, section: Section, index: int, band: str) -> str:
    """The new title without the numeral the export put before it."""
    numeral = f"{roman(index)} "
    added = section_title(layout, section.title, index) != section.title
    return band.removeprefix(numeral) if added else band


# --- applying ------------------------------------------------------------------------------------


class _OutdatedPreview(Exception):
    def __init__(self, changes: list[dict], versions: dict[str, int]):
        self.changes, self.versions = changes, versions


def sheet_apply(*, document: ImportedDocument, by) -> Plan:
    """Apply every difference of the preview, all or nothing; the plan must still be a draft.

    The differences are worked out again against the plan as it is now. If they are not the ones
    the person was shown (the plan was edited since, or another preview of the file was applied),
    nothing is written: the preview is replaced by the new differences and the person is asked
    to look again — an activity added meanwhile would otherwise be deleted unseen."""
    try:
        return _sheet_apply(document, by)
    except _OutdatedPreview as outdated:
        document.draft = {
            **document.draft,
            "changes": outdated.changes,
            "versions": outdated.versions,
        }
        document.save(update_fields=["draft"])
        raise ValidationError(
            f"План изменился после загрузки файла {document.original_name}: различия пересчитаны "
            "по плану, каким он стал. Проверьте их и подтвердите ещё раз."
        ) from None


@transaction.atomic
def _sheet_apply(document: ImportedDocument, by) -> Plan:
    if document.kind != KIND or document.status != ImportedDocument.Status.PREVIEW:
        raise ValidationError("Эти изменения уже применены.")
    plan = Plan.objects.select_for_update().get(pk=document.plan_id)
    if not plan.is_editable:
        raise ValidationError(
            "План утверждён: чтобы применить изменения, его нужно открыть для изменений."
        )
    rows = [SheetRow(**r) for r in document.draft["rows"]]
    fields = document.draft["fields"]
    # a preview made before bands were kept has them only where rows stand under them
    bands = document.draft.get("bands") or list(dict.fromkeys(r.section for r in rows if r.section))
    changes = sheet_changes(plan, rows, fields, document.original_name, bands=bands)
    _check_preview(plan, document, changes)
    known = _activities(plan)
    sections, renames = _band_sections(
        plan, bands, rows, known, get_layout(None, plan.organization)
    )
    for section, title in renames:
        section_update(section=section, title=title, by=by)
    for row in rows:  # new sections first, in the order the sheet has them
        if row.section and row.section not in sections:
            sections[row.section] = section_create(plan=plan, title=row.section, by=by)
    default = plan.sections.order_by("position", "id").first() or section_create(
        plan=plan, title="", by=by
    )
    placed: dict[int, Activity] = {}
    for row in rows:
        section = sections.get(row.section or "", default)
        if row.id is None:
            placed[row.row] = _create(plan, section, row, fields, by, placed)
        else:
            activity = known[row.id]
            changed = _changed_cells(activity, row, fields)
            if changed:
                _update(activity, _input(activity, row, fields, changed), document, by)
            placed[row.row] = activity
    for pk in {c["id"] for c in changes if c["kind"] == "deleted"}:
        remaining = Activity.objects.filter(pk=pk).first()
        if remaining is not None:
            activity_delete(activity=remaining, by=by)
    _reorder(rows, placed, sections, default, by)
    document.status = ImportedDocument.Status.CONFIRMED
    document.save(update_fields=["status"])
    counts = {kind: sum(c["kind"] == kind for c in changes) for kind in CHANGE_KINDS}
    audit_record(
        action="transfer.sheet.applied",
        obj=document,
        by=by,
        plan=plan,
        summary=f"Изменения из {document.original_name}: переименовано разделов {counts['renamed']}, "
        f"изменено {counts['changed']}, добавлено {counts['added']}, удалено {counts['deleted']}, "
        f"перемещено {counts['moved']}",
        changes={k: [None, v] for k, v in counts.items()},
    )
    return plan


def _check_preview(plan: Plan, document: ImportedDocument, changes: list[dict]) -> None:
    """Raise `_OutdatedPreview` unless `changes` are the ones shown and every activity they
    change is at the version it had then (an edit of a column the sheet lacks shows nowhere else)."""
    changes = json.loads(json.dumps(changes))  # as the stored preview has them: lists, string keys
    versions = {str(pk): v for pk, v in plan.activities.values_list("pk", "version")}
    shown = document.draft.get("versions", {})
    edited = any(
        versions.get(str(c["id"])) != shown.get(str(c["id"]))
        for c in changes
        if "id" in c and c["kind"] == "changed"
    )
    if changes != document.draft["changes"] or edited:
        raise _OutdatedPreview(changes, versions)


def _update(activity: Activity, data: ActivityInput, document: ImportedDocument, by) -> None:
    versions = document.draft.get("versions", {})
    try:
        activity_update(
            activity=activity, by=by, data=data, expected_version=versions.get(str(activity.pk))
        )
    except StaleVersion as stale:
        raise ValidationError(
            f"Мероприятие {activity.number or activity.title[:60]} изменено другим пользователем после загрузки "
            f"файла {document.original_name}. Выгрузите план в Excel заново и повторите изменения."
        ) from stale


def _create(plan: Plan, section: Section, row: SheetRow, fields: list[str], by, placed) -> Activity:
    number = row.cells.get("number", "")
    parent = None
    if "." in number:
        prefix = number.rsplit(".", 1)[0]
        parent = next(
            (
                a
                for a in placed.values()
                if a.number == prefix and a.parent_id is None and a.section_id == section.pk
            ),
            None,
        )
    blank = Activity(plan=plan, section=section, title="")
    data = _input(
        blank, row, fields, {name: ["", row.cells.get(name, "")] for name in fields}, new=True
    )
    return activity_create(section=section, by=by, data=data, parent=parent)


def _input(
    activity: Activity, row: SheetRow, fields: list[str], changed: dict, new: bool = False
) -> ActivityInput:
    """The activity as it is, with the cells the person changed read the way the importer reads them."""
    data = ActivityInput(
        title=activity.title,
        number=activity.number,
        description=activity.description,
        location=activity.location,
        format=activity.format,
        responsible_units=list(activity.responsible_units.all()) if not new else [],
        responsible_text=activity.responsible_text,
        partners=list(activity.partners),
        funding_text=activity.funding_text,
        funding_amount=activity.funding_amount,
        period_text=activity.period_text,
        schedule=None if new else _schedule(activity),
        participants=[] if new else [(p.count, p.category) for p in activity.participations.all()],
        needs_review=[] if new else list(activity.needs_review),
    )
    cells = row.cells
    if "number" in changed:
        data.number = cells.get("number", "")
    if "title" in changed:
        lines = clean_lines(cells.get("title", ""))
        data.title, data.location = (lines[0] if lines else ""), "\n".join(lines[1:])
    if "description" in changed:
        data.description = cells.get("description", "")
    if "responsible" in changed:
        names, funding = parse_responsible(cells.get("responsible", ""))
        units = {u.name: u for u in activity.plan.organization.units.all()}
        data.responsible_units = [units[n] for n in names if n in units]
        data.responsible_text = "; ".join(n for n in names if n not in units)
        data.funding_text = funding or ""
    if "participants" in changed:
        party = parse_participants(cells.get("participants", ""))
        data.participants = [(p.count, p.category) for p in party.participants]
        data.partners = party.partners
    _period(data, cells, fields, changed)
    return data


def _schedule(activity: Activity) -> Schedule:
    frequency = (
        Frequency(activity.frequency_per, activity.frequency_min)
        if activity.frequency_per
        else None
    )
    return Schedule(
        text=activity.period_text,
        months=tuple(activity.months),
        frequency=frequency,
        condition=activity.condition or None,
        dates=tuple(activity.dates or ()),
        needs_review=activity.period_needs_review,
    )


def _period(data: ActivityInput, cells: dict, fields: list[str], changed: dict) -> None:
    """A new period text is read again; changed month marks (with the text left as it was) set
    the months, as a person's correction does in the activity form."""
    words = cells.get("month:all", "") if cells.get("month:all", "").lower() not in _TICKS else ""
    if "period" in changed or ("month:all" in fields and "months" in changed):
        data.period_text = cells.get("period", "") if "period" in fields else words
        data.schedule = None
    if "months" in changed and "period" not in changed:
        # the text is read again and the marked months override its reading
        data.months = _ticked(SheetRow(0, None, "", cells), fields)
        data.schedule = None


def _reorder(
    rows: list[SheetRow], placed: dict[int, Activity], sections: dict, default: Section, by
) -> None:
    """Put every activity where the sheet has it: its section, then its place among its siblings
    (sections first; sub-items follow their parent and are then put in order under it)."""
    groups: dict[tuple[str, int], list[Activity]] = {}
    for row in rows:
        activity = placed[row.row]
        if activity.parent_id is None:
            key = ("section", sections.get(row.section or "", default).pk)
        else:
            key = ("parent", activity.parent_id)
        groups.setdefault(key, []).append(activity)
    for (kind, pk), activities in sorted(groups.items(), key=lambda item: item[0][0] != "section"):
        for position, activity in enumerate(activities):
            activity.refresh_from_db(fields=["section", "position", "parent"])
            section = Section.objects.get(pk=pk) if kind == "section" else activity.parent.section
            siblings = Activity.objects.filter(section=section, parent_id=activity.parent_id)
            ordered = list(siblings.order_by("position", "id").values_list("pk", flat=True))
            if activity.section_id != section.pk or ordered.index(activity.pk) != position:
                activity_move(activity=activity, section=section, position=position, by=by)
