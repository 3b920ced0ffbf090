from pathlib import Path

import pytest

from dealreg.config import Settings, SettingsError


def test_settings_come_from_prefixed_variables() -> None:
    settings = Settings.from_env(
        {
            "DEALREG_DATABASE_URL": "postgresql://db/dealreg",
            "DEALREG_DATA_DIR": "/var/lib/dealreg",
            "DEALREG_ACCESS_TOKEN_TTL_SECONDS": "600",
            "DEALREG_LOG_JSON": "false",
            "DATABASE_URL": "postgresql://not-ours/ignored",
        }
    )
    assert settings.database_url == "postgresql://db/dealreg"
    assert settings.data_dir == Path("/var/lib/dealreg")
    assert settings.access_token_ttl_seconds == 600
    assert settings.log_json is False
    assert settings.signing_key_path == Path("/var/lib/dealreg/jwt-signing-key.json")


def test_defaults_need_no_environment() -> None:
    settings = Settings.from_env({})
    assert settings.database_url is None  # the embedded server
    assert settings.redis_url is None  # the in-process broker
    assert settings.data_dir == Path(".dealreg")
    assert settings.max_request_body_bytes == 1_048_576


def test_overrides_win_over_the_environment() -> None:
    settings = Settings.from_env({"DEALREG_LOG_LEVEL": "DEBUG"}, log_level="ERROR")
    assert settings.log_level == "ERROR"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEALREG_LOG_LEVEL", "LOUD"),
        ("DEALREG_ACCESS_TOKEN_TTL_SECONDS", "an hour"),
        ("DEALREG_ACCESS_TOKEN_TTL_SECONDS", "0"),
        ("DEALREG_ACCESS_TOKEN_TTL_SECONDS", "31536000"),
        ("DEALREG_DB_POOL_SIZE", "0"),
        ("DEALREG_RATE_LIMIT_CALLER", "lots"),
        ("DEALREG_RATE_LIMIT_ANONYMOUS", "0/minute"),
        ("DEALREG_RATE_LIMIT_OAUTH_FAILURES_CLIENT", "5 per fortnight"),
        ("DEALREG_TRUSTED_PROXIES", "10.0.0.0/8, the-proxy"),
    ],
)
def test_a_bad_value_is_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name.removeprefix("DEALREG_").lower()):
        Settings.from_env({name: value})


def test_settings_are_frozen() -> None:
    settings = Settings.from_env({})
    with pytest.raises(AttributeError):
        settings.database_url = "postgresql://elsewhere/db"  # type: ignore[misc]
