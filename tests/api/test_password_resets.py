"""Password resets over HTTP: the same 202 whoever the email is, the mail that arrives at a real
SMTP server for an active person only, the page its link opens (CSRF enforced), the new password
ending the person's earlier tokens, and every refusal, each of which writes nothing."""

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

import httpx
import msgspec
import pytest
from litestar import Litestar
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.auth.link_models import PasswordReset
from dealreg.auth.passwords import hash_password, verify_password
from dealreg.config import Settings
from dealreg.db import make_sessionmaker
from dealreg.mail.models import OutgoingMail
from dealreg.orgs.models import Organization, Role, User
from dealreg.outbox.models import OutboxMessage
from tests.factories import Factory
from tests.mailbox import Smtp, form_fields, link_in, mails_to, run_jobs, token_of
from tests.problems import assert_problem, count_rows
from tests.signin import ORIGIN, browser

RESETS = "/v1/password-resets"
PAGE = "/account/password-reset"
OLD = "the old passphrase of mine"
NEW = "a brand new passphrase 42"
JOBS = ("auth.mail_reset_link", "mail.send")


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    """A browser at the suite's https issuer: the pages' CSRF cookie is Secure, as every page
    cookie is where the installation is served over TLS (api/forms.py)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ORIGIN) as web:
        yield web


@pytest.fixture
async def partner(factory: Factory) -> Organization:
    return await factory.partner()


@pytest.fixture
async def person(factory: Factory, partner: Organization) -> User:
    return await factory.user(partner, Role.partner_rep, password_hash=hash_password(OLD))


async def _written(db: AsyncSession) -> tuple[int, int, int]:
    return (
        await count_rows(db, PasswordReset),
        await count_rows(db, OutgoingMail),
        await count_rows(db, OutboxMessage),
    )


async def mailed_token(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    smtp: Smtp,
    address: str,
) -> str:
    asked = await client.post(RESETS, json={"email": address})
    assert asked.status_code == 202, asked.text
    await run_jobs(sessionmaker, *JOBS)
    return token_of(link_in(mails_to(smtp, address.lower())[-1]))


async def open_form(client: httpx.AsyncClient, token: str) -> dict[str, str]:
    page = await client.get(PAGE, params={"token": token})
    assert page.status_code == 200, page.text
    return form_fields(page.text)


async def send_form(
    client: httpx.AsyncClient, fields: dict[str, str], **values: str
) -> httpx.Response:
    return await client.post(PAGE, data=fields | {"password": NEW, "password_again": NEW} | values)


@contextmanager
def minted_earlier(seconds: int) -> Iterator[None]:
    """Tokens minted meanwhile say they were issued `seconds` ago (their instants are whole
    seconds, and one issued in the very second of a change is kept)."""
    earlier = time.time() - seconds
    with mock.patch("dealreg.auth.tokens.time.time", return_value=earlier):
        yield


async def _password_of(db: AsyncSession, user_id: uuid.UUID) -> str | None:
    db.expire_all()
    return (await db.get_one(User, user_id)).password_hash


async def test_a_person_asks_gets_a_mail_and_sets_a_new_password_which_ends_their_tokens(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    factory: Factory,
    partner: Organization,
    person: User,
) -> None:
    user_id, address = person.id, person.email
    with minted_earlier(5):
        before = factory.token(person, partner)
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {before}"})).is_success

    asked = await client.post(RESETS, json={"email": address.upper()})
    assert asked.status_code == 202
    assert "30 minutes" in asked.json()["detail"]
    assert await run_jobs(sessionmaker, *JOBS) == 2
    [message] = mails_to(to_smtp, address)
    assert message["Subject"] == "Reset your dealreg password"
    link = link_in(message)
    token = token_of(link)
    assert link == f"https://dealreg.test{PAGE}?token={token}"
    assert "30" not in message["Subject"]

    page = await client.get(PAGE, params={"token": token})
    assert page.status_code == 200
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert '<label for="password">New password</label>' in page.text
    assert '<label for="name">' not in page.text
    assert address in page.text
    changed = await send_form(client, form_fields(page.text))
    assert changed.status_code == 200, changed.text
    assert "signed out everywhere" in changed.text
    assert verify_password(await _password_of(db, user_id), NEW)

    refused = await client.get("/v1/me", headers={"Authorization": f"Bearer {before}"})
    assert_problem(refused, 401)
    await db.refresh(partner)
    after = factory.token(await db.get_one(User, user_id), partner)
    assert (await client.get("/v1/me", headers={"Authorization": f"Bearer {after}"})).is_success

    # Single use.
    again = await client.get(PAGE, params={"token": token})
    assert again.status_code == 410
    assert "already used" in again.text
    assert (await send_form(client, form_fields(page.text), password=OLD + "x")).status_code == 410
    assert verify_password(await _password_of(db, user_id), NEW)


async def test_setting_a_password_spends_the_persons_other_reset_links(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    first = await mailed_token(client, sessionmaker, to_smtp, person.email)
    second = await mailed_token(client, sessionmaker, to_smtp, person.email)
    assert first != second
    assert (await send_form(client, await open_form(client, second))).status_code == 200
    assert (await client.get(PAGE, params={"token": first})).status_code == 410


async def test_an_unknown_email_gets_the_same_answer_and_the_same_writes_and_no_mail(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    start = await _written(db)
    known = await client.post(RESETS, json={"email": person.email})
    after_known = await _written(db)
    unknown = await client.post(RESETS, json={"email": "nobody-here@example.test"})
    after_unknown = await _written(db)
    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    skip = {"x-request-id", "date", "ratelimit"}
    assert {k: v for k, v in known.headers.items() if k not in skip} == {
        k: v for k, v in unknown.headers.items() if k not in skip
    }
    # Each request wrote the same: a request row and its job. Who has the email is only looked
    # up by the job, in the worker.
    assert [b - a for a, b in zip(start, after_known, strict=True)] == [1, 0, 1]
    assert [b - a for a, b in zip(after_known, after_unknown, strict=True)] == [1, 0, 1]
    await run_jobs(sessionmaker, *JOBS)
    assert [envelope.rcpt_tos for envelope in to_smtp.inbox.received] == [[person.email]]


async def test_a_disabled_person_gets_no_mail_and_their_link_stops_working(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    user_id, address = person.id, person.email
    token = await mailed_token(client, sessionmaker, to_smtp, address)
    fields = await open_form(client, token)
    await db.execute(update(User).where(User.id == user_id).values(active=False))
    page = await client.get(PAGE, params={"token": token})
    assert page.status_code == 403
    assert "disabled" in page.text
    assert (await send_form(client, fields)).status_code == 403
    assert verify_password(await _password_of(db, user_id), OLD)
    asked = await client.post(RESETS, json={"email": address})
    assert asked.status_code == 202
    await run_jobs(sessionmaker, *JOBS)
    assert len(mails_to(to_smtp, address)) == 1


async def test_an_expired_link_and_a_wrong_one(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    user_id = person.id
    token = await mailed_token(client, sessionmaker, to_smtp, person.email)
    fields = await open_form(client, token)
    reset = await db.scalar(select(PasswordReset).where(PasswordReset.user_id == user_id))
    assert reset is not None
    assert timedelta(minutes=29) < reset.expires_at - reset.created_at <= timedelta(minutes=30)
    for wrong in ("", "nope", "B" * 43, token[:-1] + ("A" if token[-1] != "A" else "B")):
        page = await client.get(PAGE, params={"token": wrong})
        if wrong:
            assert page.status_code == 404
            assert "not valid" in page.text
        assert (await send_form(client, fields | {"token": wrong})).status_code == 404
    # A second before the database's own now: the server compares with that clock (the start
    # of its transaction, which in this test began before Python's now, however long ago).
    await db.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user_id)
        .values(expires_at=func.now() - timedelta(seconds=1))
    )
    page = await client.get(PAGE, params={"token": token})
    assert page.status_code == 410
    assert "expired" in page.text
    assert (await send_form(client, fields)).status_code == 410
    assert verify_password(await _password_of(db, user_id), OLD)


async def test_a_request_mailed_after_its_link_expired_mails_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    assert (await client.post(RESETS, json={"email": person.email})).status_code == 202
    await db.execute(update(PasswordReset).values(expires_at=func.now() - timedelta(seconds=1)))
    await run_jobs(sessionmaker, *JOBS)
    assert to_smtp.inbox.received == []


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"password": "short", "password_again": "short"}, "at least 12"),
        ({"password": "password1234", "password_again": "password1234"}, "commonly used"),
        ({"password_again": NEW + "?"}, "differ"),
    ],
)
async def test_a_password_the_rules_refuse(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
    values: dict[str, str],
    words: str,
) -> None:
    user_id = person.id
    token = await mailed_token(client, sessionmaker, to_smtp, person.email)
    refused = await send_form(client, await open_form(client, token), **values)
    assert refused.status_code == 422
    assert words in refused.text
    assert form_fields(refused.text)["token"] == token
    assert verify_password(await _password_of(db, user_id), OLD)
    # The link still works for a better password.
    assert (await send_form(client, await open_form(client, token))).status_code == 200


async def test_a_password_containing_the_persons_email_is_refused(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    token = await mailed_token(client, sessionmaker, to_smtp, person.email)
    mine = f"{person.email} is my password"
    refused = await send_form(
        client, await open_form(client, token), password=mine, password_again=mine
    )
    assert refused.status_code == 422
    assert "email" in refused.text


async def test_the_form_without_its_csrf_token_or_from_elsewhere(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    user_id = person.id
    token = await mailed_token(client, sessionmaker, to_smtp, person.email)
    fields = await open_form(client, token)
    for forged in ({"csrf": ""}, {"csrf": "A" * 43}):
        assert (await send_form(client, fields | forged)).status_code == 403
    elsewhere = await client.post(
        PAGE,
        data=fields | {"password": NEW, "password_again": NEW},
        headers={"Origin": "http://evil.example"},
    )
    assert elsewhere.status_code == 403
    client.cookies.clear()
    assert (await send_form(client, fields)).status_code == 403
    assert verify_password(await _password_of(db, user_id), OLD)


async def test_a_few_requests_per_email_an_hour_are_mailed_and_more_answered_alike(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    for i in range(5):
        address = person.email.upper() if i % 2 else person.email
        assert (await client.post(RESETS, json={"email": address})).status_code == 202
    assert await count_rows(db, PasswordReset) == 3
    await run_jobs(sessionmaker, *JOBS)
    assert len(mails_to(to_smtp, person.email)) == 3


async def test_requests_dropped_for_an_email_count_only_while_their_links_would_live(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    for _ in range(3):
        assert (await client.post(RESETS, json={"email": person.email})).status_code == 202
    # A stranger's three, made 31 minutes ago: their links have lapsed.
    await db.execute(
        update(PasswordReset).values(
            created_at=PasswordReset.created_at - timedelta(minutes=31),
            expires_at=PasswordReset.expires_at - timedelta(minutes=31),
        )
    )

    assert (await client.post(RESETS, json={"email": person.email})).status_code == 202

    assert await count_rows(db, PasswordReset) == 4
    await run_jobs(sessionmaker, *JOBS)
    assert len(mails_to(to_smtp, person.email)) == 1


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"email": "not an email"}, "/email"),
        ({}, "/email"),
        ({"email": "a@example.test", "user_id": "x"}, "/user_id"),
        ({"email": ["a@example.test"]}, "/email"),
    ],
)
async def test_bad_bodies_are_problems_that_write_nothing(
    client: httpx.AsyncClient, db: AsyncSession, body: dict[str, object], pointer: str
) -> None:
    before = await _written(db)
    assert_problem(await client.post(RESETS, json=body), 422, "validation-error", pointer=pointer)
    assert await _written(db) == before


async def test_requests_count_against_the_addresss_limit_without_a_token(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], db: AsyncSession
) -> None:
    app = create_app(
        msgspec.structs.replace(settings, rate_limit_anonymous="2/minute"),
        sessionmaker=sessionmaker,
    )
    transport = httpx.ASGITransport(app=app, client=("198.51.100.9", 50123))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        for _ in range(2):
            assert (await client.post(RESETS, json={"email": "x@example.test"})).status_code == 202
        refused = await client.post(RESETS, json={"email": "y@example.test"})
    await app.state.throttle.close()
    assert_problem(refused, 429, "too-many-requests")
    assert "retry-after" in refused.headers
    assert await count_rows(db, PasswordReset) == 2


async def test_the_page_to_ask_for_a_link(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    person: User,
) -> None:
    page = await client.get(PAGE)
    assert page.status_code == 200
    assert '<label for="email">Email</label>' in page.text
    fields = form_fields(page.text)
    asked = await client.post(f"{PAGE}/request", data=fields | {"email": person.email})
    assert asked.status_code == 202
    assert "Check your mail" in asked.text
    unknown = await client.post(f"{PAGE}/request", data=fields | {"email": "nobody@example.test"})
    assert unknown.status_code == 202
    bad = await client.post(f"{PAGE}/request", data=fields | {"email": "nope"})
    assert bad.status_code == 422
    forged = await client.post(f"{PAGE}/request", data={"csrf": "x", "email": person.email})
    assert forged.status_code == 403
    assert await count_rows(db, PasswordReset) == 2
    await run_jobs(sessionmaker, *JOBS)
    assert len(mails_to(to_smtp, person.email)) == 1


async def test_one_link_sent_twice_at_once_sets_one_password(
    settings: Settings, committing_engine: AsyncEngine, committed: Factory, to_smtp: Smtp
) -> None:
    # Requests at once need connections of their own: a database where work commits.
    partner = await committed.partner()
    person = await committed.user(partner, Role.partner_rep, password_hash=hash_password(OLD))
    user_id, address = person.id, person.email
    await committed.db.commit()
    sessionmaker = make_sessionmaker(committing_engine)
    async with browser(create_app(settings, sessionmaker=sessionmaker)) as web:
        fields = await open_form(web, await mailed_token(web, sessionmaker, to_smtp, address))

        answers = await asyncio.gather(
            send_form(web, fields, password=NEW, password_again=NEW),
            send_form(web, fields, password=NEW + "x", password_again=NEW + "x"),
        )

    assert sorted(answer.status_code for answer in answers) == [200, 410]
    kept = NEW if answers[0].status_code == 200 else NEW + "x"
    async with sessionmaker() as session:
        assert verify_password(await _password_of(session, user_id), kept)
        used = await session.scalars(
            select(PasswordReset.used_at).where(PasswordReset.user_id == user_id)
        )
        assert [at is not None for at in used] == [True]
