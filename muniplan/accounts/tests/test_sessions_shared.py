"""Several app servers share the cache and the sessions through Redis when MUNIPLAN_REDIS_URL is set;
without it nothing needs Redis. (bench/two_servers.py runs the real arrangement.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.CACHES['default'], settings.SESSION_ENGINE]))"
)


def _settings(**env: str) -> tuple[dict, str]:
    clean = {k: v for k, v in os.environ.items() if k != "MUNIPLAN_REDIS_URL"}
    done = subprocess.run(
        [sys.executable, "-c", SHOW],
        env={**clean, "DJANGO_SETTINGS_MODULE": "muniplan.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    cache, engine = json.loads(done.stdout)
    return cache, engine


def test_with_a_redis_url_the_cache_and_sessions_live_in_redis():
    cache, engine = _settings(MUNIPLAN_REDIS_URL="redis://127.0.0.1:6390/2")
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6390/2"
    assert engine == "django.contrib.sessions.backends.cached_db"


def test_without_a_redis_url_nothing_needs_redis():
    cache, engine = _settings()
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert engine == "django.contrib.sessions.backends.db"
