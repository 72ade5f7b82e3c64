import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from needling.config import database


def test_passwords_are_hashed_with_argon2_in_the_real_settings() -> None:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'needling.settings';"
        "django.setup(); from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_have_idle_and_absolute_limits() -> None:
    assert settings.SESSION_IDLE_SECONDS == 30 * 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY


def test_sqlite_connections_run_in_wal_mode(tmp_path: Path) -> None:
    options = database({}, tmp_path / "db.sqlite3")["OPTIONS"]
    assert isinstance(options, dict)
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    conn.executescript(str(options["init_command"]))
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    conn.close()


def test_content_security_policy_allows_no_inline_script() -> None:
    assert settings.SECURE_CSP["script-src"] == ["'self'"]
