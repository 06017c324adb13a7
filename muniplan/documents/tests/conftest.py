from __future__ import annotations

from pathlib import Path

import pytest

from muniplan.accounts.models import Organization
from muniplan.transfer.services import document_confirm, document_read

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# seed document → the layout its council uses (the demo sets the same defaults)
SEED_PLANS = {
    "tyumen_2026__tab_text.txt": ("Совет муниципальных образований Тюменской области", "tyumen"),
    "tula_2024__month_grid_text.txt": (
        "Ассоциация «Совет муниципальных образований Тульской области»",
        "tula",
    ),
    "smolensk_2021__pdf_dump.txt": (
        "Смоленское региональное отделение Всероссийского совета местного самоуправления",
        "smolensk",
    ),
    "smolensk_2022__tab_html_text.txt": (
        "Смоленское региональное отделение Всероссийского совета местного самоуправления",
        "smolensk",
    ),
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def load_seed(name: str, by=None, organization: Organization | None = None):
    """The seed plan loaded through the importer, as the demo loads it."""
    org_name, layout = SEED_PLANS[name]
    if organization is None:
        organization, _ = Organization.objects.get_or_create(
            name=org_name, defaults={"plan_layout": layout}
        )
    document = document_read(
        organization=organization, filename=name, data=(SEEDS / name).read_bytes(), by=by
    )
    return document_confirm(document=document, by=by)


@pytest.fixture
def seed_plan():
    return load_seed
