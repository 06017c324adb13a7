"""Loaded by pytest before Django reads its settings (`-p muniplan.pytest_env` in pyproject.toml).

Tests on PostgreSQL run with debug off against a server database, which in production demands
MUNIPLAN_SECRET_KEY; the test run supplies a throwaway one (subprocesses of tests inherit it).
"""

from __future__ import annotations

import os

os.environ.setdefault("MUNIPLAN_SECRET_KEY", "tests-only-" + "x" * 50)
