"""Idempotency-Key on POST: a retried request is answered with the first response, never done
twice; a key reused for another request is a 422; a key in flight is a 409 to retry."""

import asyncio
import json
import time
import uuid
from pathlib import Path

import httpx
import msgspec
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.auth.tokens import TokenService
from dealreg.config import Settings
from dealreg.idempotency.models import IdempotencyRecord
from dealreg.orgs.models import ApiClient, Organization, Role, User
from dealreg.orgs.principals import Principal
from tests.factories import Factory
from tests.problems import assert_problem, count_rows

ORGS = "/v1/organizations"
CLIENTS = "/v1/api-clients"


def partner_body(name: str | None = None) -> dict[str, str]:
    return {"kind": "partner", "name": name or f"Partner {uuid.uuid4().hex[:8]}", "country": "NO"}


@pytest.fixture
async def admin(factory: Factory) -> dict[str, str]:
    return await factory.headers_for(await factory.platform(), Role.platform_admin)


async def test_a_retry_replays_the_first_response_byte_for_byte(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    body = partner_body()
    headers = admin | {"Idempotency-Key": "retry-1"}
    first = await client.post(ORGS, json=body, headers=headers)
    assert first.status_code == 201
    assert "idempotent-replayed" not in first.headers

    again = await client.post(ORGS, json=body, headers=headers)
    assert again.status_code == 201
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == first.headers["content-type"]
    assert await count_rows(db, Organization, Organization.name == body["name"]) == 1


async def test_a_retry_may_serialise_the_same_json_differently(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    body = partner_body()
    headers = admin | {"Idempotency-Key": "reordered", "Content-Type": "application/json"}
    first = await client.post(ORGS, content=msgspec.json.encode(body), headers=headers)
    reordered = dict(reversed(list(body.items())))
    spaced = json.dumps(reordered, indent=2).encode()
    again = await client.post(ORGS, content=spaced, headers=headers)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content


async def test_a_keyed_body_over_the_limit_is_a_413(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    huge = b'{"kind": "partner", "country": "US", "name": "' + b"x" * 1_100_000 + b'"}'
    response = await client.post(
        ORGS,
        content=huge,
        headers=admin | {"Idempotency-Key": "huge", "Content-Type": "application/json"},
    )
    assert_problem(response, 413, "payload-too-large")
    assert await count_rows(db, IdempotencyRecord, IdempotencyRecord.key == "huge") == 0


async def test_the_same_key_with_another_body_is_a_422(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    headers = admin | {"Idempotency-Key": "reused"}
    assert (await client.post(ORGS, json=partner_body(), headers=headers)).status_code == 201
    other = partner_body()
    response = await client.post(ORGS, json=other, headers=headers)
    assert_problem(response, 422, "idempotency-key-reused")
    assert await count_rows(db, Organization, Organization.name == other["name"]) == 0


async def test_keys_belong_to_their_caller(
    client: httpx.AsyncClient, factory: Factory, admin: dict[str, str]
) -> None:
    other_admin = await factory.headers_for(await factory.platform(), Role.platform_admin)
    first = await client.post(ORGS, json=partner_body(), headers=admin | {"Idempotency-Key": "k"})
    second = await client.post(
        ORGS, json=partner_body(), headers=other_admin | {"Idempotency-Key": "k"}
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] != second.json()["id"]


@pytest.mark.parametrize("key", ["x" * 256, "", "tab\there"])
async def test_an_invalid_key_is_a_400_and_nothing_is_done(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession, key: str
) -> None:
    body = partner_body()
    response = await client.post(ORGS, json=body, headers=admin | {"Idempotency-Key": key})
    assert_problem(response, 400, "invalid-idempotency-key")
    assert await count_rows(db, Organization, Organization.name == body["name"]) == 0


async def test_a_key_of_255_characters_is_accepted(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post(
        ORGS, json=partner_body(), headers=admin | {"Idempotency-Key": "k" * 255}
    )
    assert response.status_code == 201


async def test_a_failed_request_leaves_no_record_so_a_corrected_retry_runs(
    client: httpx.AsyncClient, admin: dict[str, str], db: AsyncSession
) -> None:
    headers = admin | {"Idempotency-Key": "fix-and-retry"}
    failed = await client.post(
        ORGS, json={"kind": "partner", "name": "No country"}, headers=headers
    )
    assert failed.status_code == 422
    assert await count_rows(db, IdempotencyRecord, IdempotencyRecord.key == "fix-and-retry") == 0

    fixed = await client.post(ORGS, json=partner_body(), headers=headers)
    assert fixed.status_code == 201
    assert await count_rows(db, IdempotencyRecord, IdempotencyRecord.key == "fix-and-retry") == 1


async def test_a_replay_to_a_client_without_gzip_is_decoded(
    client: httpx.AsyncClient, factory: Factory, admin: dict[str, str]
) -> None:
    # A body over 1 KB is compressed for a client that accepts gzip.
    body = {
        "name": f"Big {uuid.uuid4().hex[:6]}",
        "currency": "USD",
        "description": "d" * 2000,
    }
    vendor = await factory.vendor()
    headers = await factory.headers_for(vendor, Role.vendor_admin)
    key = {"Idempotency-Key": "big-one"}
    first = await client.post(
        "/v1/programs", json=body, headers=headers | key | {"Accept-Encoding": "gzip"}
    )
    assert first.headers["content-encoding"] == "gzip"
    plain = await client.post(
        "/v1/programs", json=body, headers=headers | key | {"Accept-Encoding": "identity"}
    )
    assert plain.headers["idempotent-replayed"] == "true"
    assert "content-encoding" not in plain.headers
    assert plain.json() == first.json()


async def api_client_created_with_key(
    client: httpx.AsyncClient, factory: Factory, key: str
) -> tuple[httpx.Response, dict[str, str], Principal]:
    """A vendor admin's POST /v1/api-clients under `key`: the answer, the request's headers and
    the admin."""
    vendor = await factory.vendor()
    admin = factory.principal(await factory.user(vendor, Role.vendor_admin), vendor)
    headers = {"Authorization": f"Bearer {factory.tokens.mint(admin)}", "Idempotency-Key": key}
    first = await client.post(CLIENTS, json={"name": "CRM"}, headers=headers)
    assert first.status_code == 201, first.text
    return first, headers, admin


async def test_a_kept_answer_is_sealed_yet_replays_the_secret_it_showed(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    first, headers, admin = await api_client_created_with_key(client, factory, "crm-1")
    secret = first.json()["client_secret"]
    stored = await db.scalar(
        select(IdempotencyRecord.body).where(IdempotencyRecord.caller_id == admin.subject_id)
    )
    assert stored is not None
    assert secret.encode() not in stored
    assert b"client_secret" not in stored

    again = await client.post(CLIENTS, json={"name": "CRM"}, headers=headers)
    assert again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content
    assert await count_rows(db, ApiClient, ApiClient.organization_id == admin.organization_id) == 1


async def test_an_installation_with_another_key_cannot_open_a_kept_answer(
    client: httpx.AsyncClient,
    factory: Factory,
    db: AsyncSession,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    _, headers, admin = await api_client_created_with_key(client, factory, "crm-2")
    replaced = Settings.from_env(
        {},
        data_dir=tmp_path,
        jwt_issuer=settings.jwt_issuer,
        jwt_audience=settings.jwt_audience,
        log_level="WARNING",
    )
    token = TokenService.from_settings(replaced).mint(admin)
    transport = httpx.ASGITransport(app=create_app(replaced, sessionmaker=sessionmaker))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        retry = await other.post(
            CLIENTS, json={"name": "CRM"}, headers=headers | {"Authorization": f"Bearer {token}"}
        )
    # Told so, and nothing done again: not a second client, not a 500, not unreadable bytes.
    body = assert_problem(retry, 422, "idempotency-key-reused")
    assert "can no longer be read" in body["detail"]
    assert await count_rows(db, ApiClient, ApiClient.organization_id == admin.organization_id) == 1


async def test_an_answer_kept_unsealed_is_not_replayed(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    """Kept before sealing began (or written by anyone but dealreg): refused, not sent on."""
    first, headers, admin = await api_client_created_with_key(client, factory, "crm-3")
    await db.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.caller_id == admin.subject_id)
        .values(body=first.content)
    )
    again = await client.post(CLIENTS, json={"name": "CRM"}, headers=headers)
    assert_problem(again, 422, "idempotency-key-reused")
    assert await count_rows(db, ApiClient, ApiClient.organization_id == admin.organization_id) == 1


async def test_the_token_endpoint_is_not_remembered(client: httpx.AsyncClient) -> None:
    # Public POSTs have no caller to file a key under, and a token must never be replayed.
    response = await client.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials", "client_id": "x", "client_secret": "y"},
        headers={"Idempotency-Key": "token-1"},
    )
    assert response.status_code == 401


async def test_five_hundred_concurrent_posts_with_one_key_make_one_resource(
    committing_client: httpx.AsyncClient, committing_engine: AsyncEngine, committed: Factory
) -> None:
    admin = await committed.headers_for(await committed.platform(), Role.platform_admin)
    await committed.db.commit()
    body = partner_body()
    headers = admin | {"Idempotency-Key": "storm"}

    responses = await asyncio.gather(
        *(committing_client.post(ORGS, json=body, headers=headers) for _ in range(500))
    )

    created = [r for r in responses if r.status_code == 201]
    in_flight = [r for r in responses if r.status_code == 409]
    # On a loaded machine some wait longer for a connection than the pool lets them: those are
    # told, like the in-flight ones, to come back (the pool-starvation answer), and did nothing.
    busy = [r for r in responses if r.status_code == 503]
    assert len(created) + len(in_flight) + len(busy) == 500, {r.status_code for r in responses}
    assert all(r.headers["retry-after"] for r in busy)
    assert created, "one request must have done the work"
    first = created[0].content
    assert all(r.content == first for r in created)
    assert all(r.json()["type"].endswith("/idempotency-key-in-use") for r in in_flight)
    assert all(r.headers["retry-after"] == "1" for r in in_flight)
    async with committing_engine.connect() as conn:
        stored = await conn.scalar(
            select(func.count()).select_from(Organization).where(Organization.name == body["name"])
        )
    assert stored == 1

    retry = await committing_client.post(ORGS, json=body, headers=headers)
    assert retry.status_code == 201
    assert retry.content == first
    assert retry.headers["idempotent-replayed"] == "true"


async def test_a_disabled_user_gets_no_kept_answer(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    first, headers, admin = await api_client_created_with_key(client, factory, "crm-4")
    await db.execute(update(User).where(User.id == admin.subject_id).values(active=False))

    again = await client.post(CLIENTS, json={"name": "CRM"}, headers=headers)
    assert_problem(again, 401, "unauthenticated")
    assert "idempotent-replayed" not in again.headers
    assert first.json()["client_secret"] not in again.text


async def test_a_rotated_client_gets_no_kept_answer(
    client: httpx.AsyncClient, factory: Factory, db: AsyncSession
) -> None:
    """The secret a client's POST was shown is not shown again to a token issued before the
    client's own secret was rotated (nor after it was disabled: the same check)."""
    partner = await factory.partner()
    admin = await factory.headers_for(partner, Role.partner_admin)
    provisioner = await client.post(
        CLIENTS,
        json={"name": "Provisioner", "role": "partner_admin", "scopes": ["api_clients:write"]},
        headers=admin,
    )
    credentials = provisioner.json()
    minted = await client.post(
        "/v1/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": credentials["client_id"],
            "client_secret": credentials["client_secret"],
        },
    )
    headers = {
        "Authorization": f"Bearer {minted.json()['access_token']}",
        "Idempotency-Key": "crm-5",
    }
    body = {"name": "CRM", "role": "partner_admin"}
    first = await client.post(CLIENTS, json=body, headers=headers)
    assert first.status_code == 201, first.text
    # Tokens say when they were issued in whole seconds; one of the rotation's second is kept.
    await asyncio.sleep(1.01 - time.time() % 1)
    rotated = await client.post(
        f"{CLIENTS}/{credentials['id']}/rotate-secret",
        headers=admin | {"If-Match": f'"{credentials["version"]}"'},
    )
    assert rotated.status_code == 200, rotated.text

    again = await client.post(CLIENTS, json=body, headers=headers)
    assert_problem(again, 401, "unauthenticated")
    assert "idempotent-replayed" not in again.headers
    assert first.json()["client_secret"] not in again.text
    assert await count_rows(db, ApiClient, ApiClient.organization_id == partner.id) == 2
