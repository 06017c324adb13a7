"""Several app servers: a reminder enqueued through the RQ backend into Redis and run by an RQ worker.

Runs against Redis at 127.0.0.1:6379 (CI has it); on a machine without Redis it is skipped, saying so.
Each run uses a queue of its own name, so parallel runs on a shared Redis never take each other's jobs.
"""

from __future__ import annotations

import datetime as dt
import socket
import uuid

import pytest
from django.core import mail

from muniplan.control.services import item_create
from muniplan.control.tasks import send_digest

REDIS = ("127.0.0.1", 6379)


def _redis_reachable() -> bool:
    try:
        socket.create_connection(REDIS, timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not _redis_reachable(),
        reason="Redis на 127.0.0.1:6379 недоступен — тест очереди RQ пропущен",
    ),
]


@pytest.fixture
def rq_queue(settings):
    import django_rq

    name = f"muniplan-test-{uuid.uuid4().hex[:12]}"
    url = f"redis://{REDIS[0]}:{REDIS[1]}/0"
    # results are looked up through the «default» connection; jobs wait in the test's own queue
    settings.RQ_QUEUES = {"default": {"URL": url}, name: {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["rq"], "QUEUES": [name]}}
    yield name
    queue = django_rq.get_queue(name)
    queue.empty()
    queue.delete(delete_jobs=True)


def test_a_reminder_goes_through_redis_and_an_rq_worker_sends_it(
    rq_queue, tyumen, analytics, admin_user, editor_user
):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    editor_user.email = "editor@example.org"
    editor_user.save(update_fields=["email"])
    item_create(
        organization=tyumen,
        text="Подготовить справку о ТОС",
        deadline=dt.date(2026, 9, 25),
        controller=admin_user,
        by=admin_user,
        executor_unit=analytics,
    )

    result = send_digest.using(queue_name=rq_queue).enqueue(editor_user.pk, "2026-09-20")
    assert (
        django_rq.get_queue(rq_queue).count == 1 and mail.outbox == []
    )  # waiting in Redis, not run

    worker = django_rq.get_worker(rq_queue, job_class=Job, worker_class=SimpleWorker)
    assert worker.work(burst=True)
    assert django_rq.get_queue(rq_queue).count == 0
    result.refresh()
    assert result.status == "SUCCESSFUL" and result.return_value is True
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    assert "Подготовить справку о ТОС" in mail.outbox[0].body
