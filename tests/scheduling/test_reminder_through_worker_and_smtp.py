"""The real worker (`needling worker`, django_tasks_db) sends the confirmation and the 24-hour
reminder through Django's SMTP backend to a real (local) SMTP server; no PHI in the e-mail."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from tests.scheduling.processes import env_for_processes, needling, prepare, run_script
from tests.scheduling.smtp_server import SmtpServer

BOOK = """
import json
from datetime import timedelta
from django.utils import timezone
from needling.accounts.models import User
from needling.clients.models import Client
from needling.clinics.models import Location
from needling.scheduling.services import book_appointment
ids = json.loads({ids!r})
# Starts 24 hours and 8 seconds from now: the reminder falls due 8 seconds from now.
start = timezone.now().replace(microsecond=0) + timedelta(hours=24, seconds=8)
a = book_appointment(
    actor=User.objects.get(pk=ids["desk"]), client=Client.objects.get(pk=ids["clients"][0]),
    kind="consultation", start=start, duration=30,
    practitioner=User.objects.get(pk=ids["prac"]),
    location=Location.objects.get(pk=ids["location"]))
a.refresh_from_db()
print(a.start.isoformat())
"""

STATUS = """
from needling.scheduling.models import Message
print(sorted((m.kind, m.status, m.attempts) for m in Message.objects.all()))
"""


def test_the_worker_sends_the_reminder_by_smtp(transactional_db: Any, tmp_path: Path) -> None:
    smtp = SmtpServer().start()
    try:
        env = env_for_processes(
            tmp_path,
            NEEDLING_EMAIL_BACKEND="smtp",
            NEEDLING_EMAIL_HOST="127.0.0.1",
            NEEDLING_EMAIL_PORT=str(smtp.port),
        )
        ids = prepare(env)
        run_script(env, BOOK.format(ids=json.dumps(ids)))
        worker = needling(env, "worker")
        try:
            deadline = time.time() + 120
            while len(smtp.received) < 2 and time.time() < deadline:
                time.sleep(0.25)
        finally:
            worker.terminate()
            worker.communicate(timeout=30)
        assert len(smtp.received) == 2, [r.message["Subject"] for r in smtp.received]
        for mail in smtp.received:
            assert mail.rcpt_to == ["c0@proc.test"]
            assert mail.message["Subject"] == "You have a new message from Process Clinic"
            body = mail.message.get_payload(decode=True).decode()
            assert "sign in to read it" in body
            for phi in ("Client0", "Proc", "consultation", "Consultation", "Main"):
                assert phi not in body.replace("Process Clinic", ""), phi
        status = run_script(env, STATUS).strip().splitlines()[-1]
        assert status == "[('confirmation', 'sent', 1), ('reminder', 'sent', 1)]"
    finally:
        smtp.stop()
