"""How close the roll-over of the Smolensk 2021 plan comes to the real Smolensk 2022 plan.

Both seeds go through the product's importer into a throwaway SQLite database; the 2021 plan is
copied to 2022 with the product's roll-over; then each copied activity's title is compared with
the titles of the real 2022 plan. Prints the share of exact matches (after folding case and
white space) and of near matches (difflib ratio ≥ 0.9), and lists the misses.

    .venv/bin/python bench/rollover_accuracy.py
"""

from __future__ import annotations

import difflib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="muniplan-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ["MUNIPLAN_MEDIA_ROOT"] = f"{_tmp}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "muniplan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from muniplan.accounts.models import Organization  # noqa: E402
from muniplan.plans.rollover import plan_rollover, rollover_missing  # noqa: E402
from muniplan.transfer.services import document_confirm, document_read  # noqa: E402

SEEDS = ROOT / "muniplan" / "seeds"


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _load(organization, filename):
    document = document_read(
        organization=organization, filename=filename, data=(SEEDS / filename).read_bytes(), by=None
    )
    return document_confirm(document=document, by=None)


def main() -> None:
    call_command("migrate", verbosity=0)
    org = Organization.objects.create(
        name="Смоленское региональное отделение ВСМС", kind="vsms_branch"
    )
    source = _load(org, "smolensk_2021__pdf_dump.txt")
    real = _load(org, "smolensk_2022__tab_html_text.txt")
    # What the roll-over would offer to add to the real plan, then a second plan to compare with it.
    missing = rollover_missing(plan=source, target=real)
    rolled = plan_rollover(plan=source, by=None, second=True)
    real_titles = [_fold(a.title) for a in real.activities.all()]
    exact = near = 0
    misses = []
    copies = list(rolled.activities.order_by("section__position", "position"))
    for activity in copies:
        title = _fold(activity.title)
        best = max(difflib.SequenceMatcher(None, title, t).ratio() for t in real_titles)
        exact += title in real_titles
        near += best >= 0.9
        if title not in real_titles:
            misses.append((activity.number, best, activity.title))
    total = len(copies)
    print(
        f"Roll-over of Smolensk 2021 → 2022: {total} activities copied; the real 2022 plan has {len(real_titles)}"
    )
    print(f"  exact title match: {exact}/{total} = {exact / total:.1%}")
    print(f"  near match (ratio ≥ 0.9): {near}/{total} = {near / total:.1%}")
    print(
        f"  «add the missing activities» offers {len(missing)}: "
        + "; ".join(f"{a.number} {a.title[:40]}" for a in missing)
    )
    for number, ratio, title in misses:
        print(f"  miss {number}: best ratio {ratio:.2f} — {title}")


if __name__ == "__main__":
    main()
