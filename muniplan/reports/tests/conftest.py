from __future__ import annotations

from muniplan.control.tests.conftest import (  # noqa: F401 — the seed 004 resolution and its people
    controller,
    directorate,
    items,
    resolution,
    smolensk,
    smolensk_admin,
    smolensk_viewer,
)
from muniplan.execution.tests.conftest import forum_activity, news_activity, plan  # noqa: F401
