from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tyumen_seed() -> bytes:
    return (SEEDS / "tyumen_2026__tab_text.txt").read_bytes()


@pytest.fixture
def resolution_seed() -> bytes:
    return (SEEDS / "smolensk_tos_congress_2020__resolution.txt").read_bytes()
