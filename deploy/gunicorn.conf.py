"""gunicorn settings of one MuniPlan app server (`gunicorn -c deploy/gunicorn.conf.py`).

Run one instance per port; each reads its own address from the environment. MuniPlan's own
settings (database, Redis, media folder, key) come from the environment too (see README).
"""

import os

wsgi_app = "muniplan.wsgi"
bind = os.environ.get("MUNIPLAN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("MUNIPLAN_WORKERS", "2"))
threads = int(os.environ.get("MUNIPLAN_THREADS", "4"))
# A plan export or an import preview may take a while; a stuck worker is replaced after this.
timeout = 60
graceful_timeout = 20
# Recycling workers now and then bounds the memory a long-lived worker gathers.
max_requests = 2000
max_requests_jitter = 200
# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl by default, and a second instance
# on the same machine fails on that path: each instance gets its own.
control_socket = os.environ.get(
    "MUNIPLAN_CONTROL_SOCKET", f"/tmp/muniplan-gunicorn-{bind.replace(':', '-').replace('/', '-')}.ctl"
)
pidfile = os.environ.get("MUNIPLAN_PIDFILE") or None
accesslog = os.environ.get("MUNIPLAN_ACCESS_LOG") or None
errorlog = os.environ.get("MUNIPLAN_ERROR_LOG", "-")
