"""The raw baseline of bench/run.py: what each benchmarked request costs at the least.

A bare Litestar app whose handlers run the SQL dealreg's do with raw asyncpg (one pool) and
return the same JSON shapes, without authentication, ORM, explicit transactions or middleware. It
is served by granian with the settings `dealreg serve` uses, so dealreg's figures can be printed
as a ratio of these and compared across machines.

    BENCH_BASELINE_CONFIG='{…}' PYTHONPATH=bench python bench/baseline_app.py --port 8001

With no tokens to read, the handlers act for the user and vendor named in the configuration.
"""

import argparse
import base64
import os
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import asyncpg
import msgspec
from litestar import Litestar, get, post
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.params import Parameter

CONFIG_ENV = "BENCH_BASELINE_CONFIG"


class BaselineConfig(msgspec.Struct, frozen=True, kw_only=True):
    """What bench/run.py hands the baseline, as JSON in `BENCH_BASELINE_CONFIG`."""

    dsn: str  # postgresql://… as asyncpg takes it
    max_connections: int
    # /v1/me answers for this user (dealreg reads them from the token).
    user_id: uuid.UUID
    organization_id: uuid.UUID
    scopes: list[str]
    # /v1/programs lists this vendor's programs (dealreg's vendor admin sees only its own).
    vendor_id: uuid.UUID


# The response shapes of dealreg's api/ modules, field for field.
class OrganizationOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
    kind: str
    name: str
    code: str | None
    country: str
    timezone: str | None


class MeOut(msgspec.Struct, kw_only=True):
    kind: Literal["user", "client"]
    id: uuid.UUID
    role: str
    scopes: list[str]
    organization: OrganizationOut
    email: str | None = None
    name: str | None = None


class ProgramOut(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime
    version: int
    vendor_id: uuid.UUID
    name: str
    description: str
    currency: str
    protection_days: int
    extension_days: int
    max_extensions: int
    minimum_deal_amount: int
    extra_fields: list[dict[str, Any]]
    active: bool


class ProgramList(msgspec.Struct):
    items: list[ProgramOut]
    next_cursor: str | None


# Validated like dealreg's body, so both servers pay for the same checks.
class OrganizationCreate(msgspec.Struct, forbid_unknown_fields=True):
    kind: Literal["vendor", "partner", "platform"]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    country: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
    code: Annotated[str, msgspec.Meta(pattern=r"^[A-Z][A-Z0-9]{1,11}$")] | None = None
    timezone: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None


# Statements are spelled out, not assembled: each reads as the query PostgreSQL receives.
ORGANIZATION_BY_ID = """
    SELECT id, created_at, updated_at, version, kind, name, code, country, timezone
    FROM organizations WHERE id = $1
"""
USER_BY_ID = "SELECT id, email, name, role FROM users WHERE id = $1"
PROGRAMS_OF_VENDOR = """
    SELECT id, created_at, updated_at, version, vendor_id, name, description, currency,
           protection_days, extension_days, max_extensions, minimum_deal_amount, extra_fields,
           active
    FROM programs WHERE vendor_id = $1 ORDER BY created_at, id LIMIT $2
"""
INSERT_ORGANIZATION = """
    INSERT INTO organizations (id, kind, name, country, code, timezone)
    VALUES ($1, $2, $3, $4, $5, $6)
    RETURNING id, created_at, updated_at, version, kind, name, code, country, timezone
"""


@get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/v1/me")
async def me(state: State) -> MeOut:
    config: BaselineConfig = state.config
    # dealreg's two round trips, on one connection.
    async with state.pool.acquire() as conn:
        org = await conn.fetchrow(ORGANIZATION_BY_ID, config.organization_id)
        user = await conn.fetchrow(USER_BY_ID, config.user_id)
    return MeOut(
        kind="user",
        id=user["id"],
        role=user["role"],
        scopes=config.scopes,
        organization=OrganizationOut(**org),
        email=user["email"],
        name=user["name"],
    )


@get("/v1/programs")
async def list_programs(
    state: State, limit: Annotated[int, Parameter(ge=1, le=200)] = 50
) -> ProgramList:
    config: BaselineConfig = state.config
    # One row more than the page tells whether there is a next page, as dealreg's keyset does.
    rows = await state.pool.fetch(PROGRAMS_OF_VENDOR, config.vendor_id, limit + 1)
    items = [ProgramOut(**row) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        # dealreg's cursor: the last row's (created_at, id) as a JSON array, base64url.
        key = msgspec.json.encode((items[-1].created_at, items[-1].id))
        next_cursor = base64.urlsafe_b64encode(key).decode().rstrip("=")
    return ProgramList(items=items, next_cursor=next_cursor)


@post("/v1/organizations")
async def create_organization(state: State, data: OrganizationCreate) -> OrganizationOut:
    # One statement in autocommit: the least a create can cost. The bench sends unique names, so
    # the unique index never fires (a violation would be a 500 here).
    row = await state.pool.fetchrow(
        INSERT_ORGANIZATION,
        uuid.uuid4(),
        data.kind,
        data.name,
        data.country,
        data.code,
        data.timezone,
    )
    return OrganizationOut(**row)


async def _init_connection(conn: asyncpg.Connection) -> None:
    # asyncpg hands jsonb over as text; decode it, as SQLAlchemy does for dealreg.
    await conn.set_type_codec(
        "jsonb",
        schema="pg_catalog",
        encoder=lambda value: msgspec.json.encode(value).decode(),
        decoder=msgspec.json.decode,
    )


def create_app() -> Litestar:
    """The factory granian calls in its worker; the configuration is read there, not at import."""
    config = msgspec.json.decode(os.environ[CONFIG_ENV], type=BaselineConfig)

    async def open_pool(app: Litestar) -> None:
        app.state.pool = await asyncpg.create_pool(
            config.dsn,
            min_size=1,
            max_size=config.max_connections,
            init=_init_connection,
        )

    async def close_pool(app: Litestar) -> None:
        await app.state.pool.close()

    return Litestar(
        route_handlers=[health, me, list_programs, create_organization],
        # The same compression as dealreg's app, so a client sending Accept-Encoding: gzip
        # costs both servers the same.
        compression_config=CompressionConfig(backend="gzip", minimum_size=1024),
        openapi_config=None,
        state=State({"config": config}),
        on_startup=[open_pool],
        on_shutdown=[close_pool],
        debug=False,
    )


if __name__ == "__main__":
    from granian import Granian
    from granian.constants import Interfaces

    parser = argparse.ArgumentParser(description="Serve the raw baseline on granian.")
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    # The arguments `dealreg serve` gives granian (src/dealreg/cli.py), one worker.
    Granian(
        target="baseline_app:create_app",
        factory=True,
        interface=Interfaces.ASGI,
        address="127.0.0.1",
        port=port,
        workers=1,
        log_access=False,
    ).serve()
