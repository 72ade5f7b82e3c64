from pathlib import Path

import pytest

from needling.config import ConfigError, database, env_bool, env_int, env_list, secret_key


def test_env_bool_reads_common_spellings() -> None:
    assert env_bool("X", False, {"X": "yes"}) is True
    assert env_bool("X", True, {"X": "0"}) is False
    assert env_bool("X", True, {}) is True


def test_env_bool_rejects_nonsense_naming_the_variable() -> None:
    with pytest.raises(ConfigError, match="NEEDLING_DEBUG"):
        env_bool("NEEDLING_DEBUG", False, {"NEEDLING_DEBUG": "maybe"})


def test_env_int_checks_type_and_bounds() -> None:
    assert env_int("N", 5, {"N": " 7 "}) == 7
    with pytest.raises(ConfigError, match="whole number"):
        env_int("N", 5, {"N": "7.5"})
    with pytest.raises(ConfigError, match="at least 1"):
        env_int("N", 5, {"N": "0"}, minimum=1)
    with pytest.raises(ConfigError, match="at most 10"):
        env_int("N", 5, {"N": "11"}, maximum=10)


def test_env_list_splits_and_trims() -> None:
    assert env_list("H", ["a"], {"H": " x.org, ,y.org "}) == ["x.org", "y.org"]
    assert env_list("H", ["a"], {}) == ["a"]


def test_secret_key_is_generated_once_and_kept(tmp_path: Path) -> None:
    key_file = tmp_path / "var" / "secret_key"
    first = secret_key({}, key_file)
    assert len(first) >= 50
    assert secret_key({}, key_file) == first
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_secret_key_from_environment_must_be_long() -> None:
    with pytest.raises(ConfigError, match="50 characters"):
        secret_key({"NEEDLING_SECRET_KEY": "short"}, Path("/nonexistent"))


def test_zero_config_database_is_sqlite_with_immediate_transactions(tmp_path: Path) -> None:
    config = database({}, tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    options = config["OPTIONS"]
    assert isinstance(options, dict)
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "synchronous=NORMAL" in options["init_command"]


def test_database_url_selects_postgresql(tmp_path: Path) -> None:
    config = database({"DATABASE_URL": "postgres://u:p@db.example:5433/needling"}, tmp_path / "x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "needling"
    assert config["PORT"] == 5433


def test_database_url_of_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        database({"DATABASE_URL": "mysql://root@localhost/x"}, tmp_path / "x")
