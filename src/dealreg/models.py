"""Imports every domain's models so that `Base.metadata` knows all tables (Alembic, tests)."""


def load_all_models() -> None:
    pass
