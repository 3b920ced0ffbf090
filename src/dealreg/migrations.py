"""Alembic, driven from code: `dealreg migrate`, `serve` on start, and the tests."""

from pathlib import Path

from alembic import command
from alembic.config import Config

import dealreg


def script_location() -> Path:
    """Migrations ship inside the wheel as `dealreg/_alembic`; in a checkout they are `alembic/`."""
    packaged = Path(dealreg.__file__).parent / "_alembic"
    if packaged.is_dir():
        return packaged
    return Path(dealreg.__file__).resolve().parents[2] / "alembic"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    config.attributes["database_url"] = database_url
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str) -> None:
    command.downgrade(alembic_config(database_url), revision)
