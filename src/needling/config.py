"""Typed readers for settings that come from environment variables.

Each reader fails loudly (ImproperlyConfigured-style ValueError naming the variable) instead of
quietly falling back, so a typo in a deployment is found at start-up, not in production.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(ValueError):
    """A setting read from the environment has a value we cannot use."""


def env_str(name: str, default: str, env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    return env.get(name, default)


def env_bool(name: str, default: bool, env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    if name not in env:
        return default
    raw = env[name].strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false (1/0, yes/no, on/off), not {env[name]!r}")


def env_int(
    name: str,
    default: int,
    env: Mapping[str, str] | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    env = os.environ if env is None else env
    if name not in env:
        return default
    try:
        value = int(env[name].strip())
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {env[name]!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name} must be at most {maximum}, not {value}")
    return value


def env_list(name: str, default: list[str], env: Mapping[str, str] | None = None) -> list[str]:
    env = os.environ if env is None else env
    if name not in env:
        return list(default)
    return [item.strip() for item in env[name].split(",") if item.strip()]


def secret_key(env: Mapping[str, str] | None, key_file: Path) -> str:
    """NEEDLING_SECRET_KEY, or a key generated once and kept beside the database.

    A generated key keeps sessions valid across restarts of a zero-configuration install.
    """
    env = os.environ if env is None else env
    if env.get("NEEDLING_SECRET_KEY"):
        key = env["NEEDLING_SECRET_KEY"]
        if len(key) < 50:
            raise ConfigError("NEEDLING_SECRET_KEY must be at least 50 characters long")
        return key
    if key_file.exists():
        return key_file.read_text().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(64)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def outside(name: str, raw: str, var_dir: Path, default_name: str) -> Path:
    """A path that must not be inside the var folder (default: beside it, named `default_name`).

    The audit key and anchor log exist so that someone who can write the var folder (the database,
    the uploads) still cannot forge or cut the audit log's end.
    """
    path = Path(raw).expanduser().resolve() if raw.strip() else var_dir.parent / default_name
    if path == var_dir or var_dir in path.parents:
        raise ConfigError(f"{name} must be outside NEEDLING_VAR_DIR ({var_dir}), not {path}")
    return path


def database(env: Mapping[str, str] | None, sqlite_path: Path) -> dict[str, object]:
    """PostgreSQL from DATABASE_URL, otherwise SQLite tuned for concurrent use."""
    env = os.environ if env is None else env
    url = env.get("DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        if not url.startswith(("postgres://", "postgresql://", "sqlite://")):
            raise ConfigError("DATABASE_URL must be a postgres:// or sqlite:// URL")
        try:
            config = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        except ValueError as exc:
            raise ConfigError(f"DATABASE_URL could not be read: {exc}") from None
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = _sqlite_options()
            config["CONN_MAX_AGE"] = 0
        return config
    sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path),
        "OPTIONS": _sqlite_options(),
    }


def _sqlite_options() -> dict[str, object]:
    # IMMEDIATE takes the write lock at BEGIN: without it two concurrent writers both start
    # reading and one fails with "database is locked" when it tries to write.
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA busy_timeout=20000;"
            "PRAGMA foreign_keys=ON;"
        ),
    }
