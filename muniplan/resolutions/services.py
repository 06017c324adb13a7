from __future__ import annotations

import datetime as dt

from django.db import transaction

from muniplan.accounts.models import Organization
from muniplan.audit.services import audit_record
from muniplan.lib.search import search_key
from muniplan.readers.draft import ResolutionDraft

from .models import Addressee, Recommendation, Resolution


@transaction.atomic
def resolution_create_from_draft(
    *, organization: Organization, draft: ResolutionDraft, by, source: str = ""
) -> Resolution:
    resolution = Resolution.objects.create(
        organization=organization,
        title=draft.title,
        event=draft.event or "",
        date=dt.date.fromisoformat(draft.date) if draft.date else None,
        place=draft.place or "",
        participants=draft.participants or "",
        participants_count=draft.participants_count,
        preamble=draft.preamble,
        closing=draft.closing,
    )
    for position, addressee in enumerate(draft.addressees):
        row = Addressee.objects.create(
            resolution=resolution, position=position, name=addressee.name
        )
        Recommendation.objects.bulk_create(
            Recommendation(
                addressee=row,
                position=i,
                number=r.number,
                text=r.text,
                search_text=search_key(r.text, addressee.name),
            )
            for i, r in enumerate(addressee.recommendations)
        )
    count = sum(len(a.recommendations) for a in draft.addressees)
    audit_record(
        action="resolutions.resolution.imported",
        obj=resolution,
        by=by,
        organization=organization,
        summary=f"Загружена из {source or 'документа'}: рекомендаций {count}",
    )
    return resolution
