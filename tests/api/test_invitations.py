"""Invitations over HTTP: who may invite whom, the mail that arrives at a real SMTP server, the
page its link opens (CSRF enforced), and every refusal, each of which writes nothing."""

import asyncio
import re
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from litestar import Litestar
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dealreg.app import create_app
from dealreg.auth.link_models import Invitation
from dealreg.auth.passwords import hash_password, verify_password
from dealreg.config import Settings
from dealreg.db import make_sessionmaker
from dealreg.mail.models import OutgoingMail
from dealreg.orgs.models import Organization, Role, User
from dealreg.outbox.models import OutboxMessage
from tests.api import test_password_resets as resets
from tests.factories import Factory
from tests.mailbox import Smtp, form_fields, link_in, mails_to, run_jobs, token_of
from tests.problems import assert_problem, count_rows
from tests.signin import ORIGIN, browser

PASSWORD = "correct horse battery staple"
PAGE = "/account/invitation"


def invitations_of(org: Organization) -> str:
    return f"/v1/organizations/{org.id}/invitations"


def new_email() -> str:
    return f"invitee-{uuid.uuid4().hex[:8]}@example.test"


async def _written(db: AsyncSession) -> tuple[int, int, int, int]:
    return (
        await count_rows(db, User),
        await count_rows(db, Invitation),
        await count_rows(db, OutgoingMail),
        await count_rows(db, OutboxMessage),
    )


async def invite(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    org: Organization,
    *,
    role: Role = Role.partner_rep,
    email: str | None = None,
) -> httpx.Response:
    return await client.post(
        invitations_of(org),
        json={"email": email or new_email(), "role": role.value},
        headers=headers,
    )


async def mailed_token(
    sessionmaker: async_sessionmaker[AsyncSession], smtp: Smtp, address: str
) -> str:
    await run_jobs(sessionmaker, "mail.send")
    [message] = mails_to(smtp, address)
    return token_of(link_in(message))


async def open_form(client: httpx.AsyncClient, token: str) -> dict[str, str]:
    page = await client.get(PAGE, params={"token": token})
    assert page.status_code == 200, page.text
    return form_fields(page.text)


async def send_form(
    client: httpx.AsyncClient, fields: dict[str, str], **values: str
) -> httpx.Response:
    body = fields | {"name": "Casey Jones", "password": PASSWORD, "password_again": PASSWORD}
    return await client.post(PAGE, data=body | values)


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
async def admin(factory: Factory, partner: Organization) -> dict[str, str]:
    return await factory.headers_for(partner, Role.partner_admin)


async def test_an_invited_person_gets_a_mail_opens_the_page_and_joins(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    address = new_email()
    created = await invite(client, admin, partner, email=address.upper())
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["email"], body["role"], body["organization_id"]) == (
        address,
        "partner_rep",
        str(partner.id),
    )
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(days=6, hours=23) < expires - datetime.now(UTC) <= timedelta(days=7)
    user_id = uuid.UUID(body["user_id"])
    user = await db.get_one(User, user_id)
    assert (user.active, user.password_hash) == (True, None)

    token = await mailed_token(sessionmaker, to_smtp, address)
    [message] = mails_to(to_smtp, address)
    assert partner.name in message["Subject"]
    assert link_in(message) == f"https://dealreg.test{PAGE}?token={token}"

    page = await client.get(PAGE, params={"token": token})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert "form-action 'self'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    for field, label in [("email", "Email"), ("name", "Name"), ("password", "New password")]:
        assert re.search(rf'<label for="{field}">{label}</label>', page.text), field
    assert 'autocomplete="new-password"' in page.text
    assert "<script" not in page.text
    assert "http" not in re.sub(r'value="[^"]*"', "", page.text.split("</style>")[1])
    cookie = page.headers["set-cookie"]
    assert "dealreg_csrf=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie or "SameSite=Strict" in cookie

    joined = await send_form(client, form_fields(page.text))
    assert joined.status_code == 200, joined.text
    assert address in joined.text
    db.expire_all()
    user = await db.get_one(User, user_id)
    assert user.name == "Casey Jones"
    assert verify_password(user.password_hash, PASSWORD)
    invitation = await db.get_one(Invitation, uuid.UUID(body["id"]))
    assert invitation.accepted_at is not None
    assert invitation.token_hash != token
    assert token not in invitation.token_hash

    # Single use: the page and the form both refuse the spent link.
    again = await client.get(PAGE, params={"token": token})
    assert again.status_code == 410
    assert "already accepted" in again.text
    replay = await send_form(client, form_fields(page.text), password="another passphrase 99")
    assert replay.status_code == 410
    db.expire_all()
    assert verify_password((await db.get_one(User, user_id)).password_hash, PASSWORD)


async def test_a_platform_admin_invites_to_any_organization_and_vendor_admins_to_theirs(
    client: httpx.AsyncClient, factory: Factory, partner: Organization
) -> None:
    platform = await factory.platform()
    vendor = await factory.vendor()
    root = await factory.headers_for(platform, Role.platform_admin)
    assert (await invite(client, root, partner, role=Role.partner_admin)).status_code == 201
    vendor_admin = await factory.headers_for(vendor, Role.vendor_admin)
    for role in (Role.vendor_approver, Role.channel_ops, Role.vendor_admin):
        assert (await invite(client, vendor_admin, vendor, role=role)).status_code == 201


@pytest.mark.parametrize(
    ("inviter", "role", "status", "problem"),
    [
        # Another tenant's organization is not there for them.
        ("other_partner_admin", Role.partner_rep, 404, "organization-not-found"),
        ("vendor_admin", Role.partner_rep, 404, "organization-not-found"),
        # A role that cannot administer users at all.
        ("partner_rep", Role.partner_rep, 403, "forbidden"),
        # A role the organization's kind does not have.
        ("partner_admin", Role.vendor_admin, 422, "validation-error"),
        ("partner_admin", Role.platform_admin, 422, "validation-error"),
        ("partner_admin", Role.vendor_system, 422, "validation-error"),
    ],
)
async def test_refused_inviters_and_roles_write_nothing(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    partner: Organization,
    inviter: str,
    role: Role,
    status: int,
    problem: str,
) -> None:
    orgs = {
        "other_partner_admin": (await factory.partner(), Role.partner_admin),
        "vendor_admin": (await factory.vendor(), Role.vendor_admin),
        "partner_rep": (partner, Role.partner_rep),
        "partner_admin": (partner, Role.partner_admin),
    }
    org, inviter_role = orgs[inviter]
    headers = await factory.headers_for(org, inviter_role)
    before = await _written(db)
    assert_problem(await invite(client, headers, partner, role=role), status, problem)
    assert await _written(db) == before


async def test_an_email_somebody_has_is_refused_clearly(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    somebody = await factory.user(await factory.vendor(), Role.vendor_approver)
    before = await _written(db)
    refused = assert_problem(
        await invite(client, admin, partner, email=somebody.email.upper()), 409
    )
    assert somebody.email in refused["detail"]
    assert "already exists" in refused["detail"]
    assert await _written(db) == before


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"email": "not-an-email", "role": "partner_rep"}, "/email"),
        ({"email": "a,victim@example.test", "role": "partner_rep"}, "/email"),
        ({"email": "a\x7fb@example.test", "role": "partner_rep"}, "/email"),
        ({"email": "x@example.test", "role": "emperor"}, "/role"),
        ({"email": "x@example.test"}, "/role"),
        ({"email": "x@example.test", "role": "partner_rep", "name": "extra"}, "/name"),
    ],
)
async def test_bad_bodies_are_problems(
    client: httpx.AsyncClient,
    db: AsyncSession,
    partner: Organization,
    admin: dict[str, str],
    body: dict[str, Any],
    pointer: str,
) -> None:
    before = await _written(db)
    response = await client.post(invitations_of(partner), json=body, headers=admin)
    assert_problem(response, 422, "validation-error", pointer=pointer)
    assert await _written(db) == before


async def test_pending_invitations_are_listed_and_one_withdrawn_ends_its_link(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    factory: Factory,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    base = invitations_of(partner)
    first, second = new_email(), new_email()
    kept = (await invite(client, admin, partner, email=first)).json()
    withdrawn = (await invite(client, admin, partner, email=second)).json()
    listed = await client.get(base, headers=admin)
    assert listed.status_code == 200
    assert [row["email"] for row in listed.json()["items"]] == [first, second]
    outsider = await factory.headers_for(await factory.partner(), Role.partner_admin)
    assert_problem(await client.get(base, headers=outsider), 404)
    rep = await factory.headers_for(partner, Role.partner_rep)
    assert_problem(await client.get(base, headers=rep), 403)

    url = f"{base}/{withdrawn['id']}"
    assert_problem(await client.delete(url, headers=outsider), 404)
    gone = await client.delete(url, headers=admin)
    assert gone.status_code == 204
    assert (await client.delete(url, headers=admin)).status_code == 204
    listed = await client.get(base, headers=admin)
    assert [row["id"] for row in listed.json()["items"]] == [kept["id"]]
    db.expire_all()
    assert (await db.get_one(User, uuid.UUID(withdrawn["user_id"]))).active is False

    token = await mailed_token(sessionmaker, to_smtp, second)
    page = await client.get(PAGE, params={"token": token})
    assert page.status_code == 410
    assert "withdrawn" in page.text

    # An accepted invitation is no longer the invitation's to withdraw.
    accepted = await mailed_token(sessionmaker, to_smtp, first)
    assert (await send_form(client, await open_form(client, accepted))).status_code == 200
    assert_problem(
        await client.delete(f"{base}/{kept['id']}", headers=admin),
        409,
        "invitation-accepted",
    )
    assert_problem(
        await client.delete(f"{base}/{uuid.uuid4()}", headers=admin),
        404,
        "invitation-not-found",
    )


class TestTheLinksRefusals:
    @pytest.fixture
    async def invited(
        self,
        client: httpx.AsyncClient,
        sessionmaker: async_sessionmaker[AsyncSession],
        to_smtp: Smtp,
        partner: Organization,
        admin: dict[str, str],
    ) -> tuple[str, uuid.UUID]:
        address = new_email()
        body = (await invite(client, admin, partner, email=address)).json()
        return await mailed_token(sessionmaker, to_smtp, address), uuid.UUID(body["user_id"])

    async def _unchanged(self, db: AsyncSession, user_id: uuid.UUID) -> None:
        db.expire_all()
        user = await db.get_one(User, user_id)
        assert user.password_hash is None
        assert await count_rows(db, Invitation, Invitation.accepted_at.is_not(None)) == 0

    @pytest.mark.parametrize(
        "token", ["", "x", "A" * 43, "é" * 43, "A" * 44, "' OR 1=1 --" + "A" * 32]
    )
    async def test_a_wrong_token(
        self,
        client: httpx.AsyncClient,
        db: AsyncSession,
        invited: tuple[str, uuid.UUID],
        token: str,
    ) -> None:
        page = await client.get(PAGE, params={"token": token})
        assert page.status_code == 404
        assert "not valid" in page.text
        real = await open_form(client, invited[0])
        assert (await send_form(client, real | {"token": token})).status_code == 404
        await self._unchanged(db, invited[1])

    async def test_an_expired_link(
        self, client: httpx.AsyncClient, db: AsyncSession, invited: tuple[str, uuid.UUID]
    ) -> None:
        token, user_id = invited
        fields = await open_form(client, token)
        await db.execute(
            update(Invitation)
            .where(Invitation.user_id == user_id)
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
        page = await client.get(PAGE, params={"token": token})
        assert page.status_code == 410
        assert "expired" in page.text
        assert (await send_form(client, fields)).status_code == 410
        await self._unchanged(db, user_id)

    async def test_a_disabled_person(
        self, client: httpx.AsyncClient, db: AsyncSession, invited: tuple[str, uuid.UUID]
    ) -> None:
        token, user_id = invited
        fields = await open_form(client, token)
        await db.execute(update(User).where(User.id == user_id).values(active=False))
        assert (await client.get(PAGE, params={"token": token})).status_code == 403
        refused = await send_form(client, fields)
        assert refused.status_code == 403
        assert "disabled" in refused.text
        await self._unchanged(db, user_id)

    @pytest.mark.parametrize(
        ("values", "words"),
        [
            ({"password": "short", "password_again": "short"}, "at least 12"),
            ({"password": "password1234", "password_again": "password1234"}, "commonly used"),
            ({"password": "x" * 257, "password_again": "x" * 257}, "at most 256"),
            (
                {"password": "casey jones forever", "password_again": "casey jones forever"},
                "your name",
            ),
            ({"password_again": PASSWORD + "!"}, "differ"),
            ({"name": "   "}, "Your name"),
            ({"name": "Casey\x07Jones"}, "control characters"),
        ],
    )
    async def test_a_password_or_name_the_rules_refuse(
        self,
        client: httpx.AsyncClient,
        db: AsyncSession,
        invited: tuple[str, uuid.UUID],
        values: dict[str, str],
        words: str,
    ) -> None:
        token, user_id = invited
        refused = await send_form(client, await open_form(client, token), **values)
        assert refused.status_code == 422
        assert words in refused.text
        # The form again, ready for another try with the same link.
        assert form_fields(refused.text)["token"] == token
        await self._unchanged(db, user_id)

    async def test_the_form_without_its_csrf_token_or_from_elsewhere(
        self, client: httpx.AsyncClient, db: AsyncSession, invited: tuple[str, uuid.UUID]
    ) -> None:
        token, user_id = invited
        fields = await open_form(client, token)
        for forged in ({"csrf": ""}, {"csrf": "A" * 43}):
            assert (await send_form(client, fields | forged)).status_code == 403
        elsewhere = await client.post(
            PAGE,
            data=fields | {"name": "X Y", "password": PASSWORD, "password_again": PASSWORD},
            headers={"Origin": "https://evil.example"},
        )
        assert elsewhere.status_code == 403
        client.cookies.clear()
        refused = await send_form(client, fields)
        assert refused.status_code == 403
        assert "open it again" in refused.text
        await self._unchanged(db, user_id)


async def test_the_mail_is_written_with_the_invitation_and_carries_no_readable_link(
    client: httpx.AsyncClient, db: AsyncSession, partner: Organization, admin: dict[str, str]
) -> None:
    body = (await invite(client, admin, partner)).json()
    [mail] = (await db.scalars(select(OutgoingMail))).all()
    assert mail.recipient == body["email"]
    assert mail.send_before == datetime.fromisoformat(body["expires_at"])
    [job] = (await db.scalars(select(OutboxMessage))).all()
    assert job.payload == {"mail_id": str(mail.id)}


async def test_a_password_set_by_a_reset_ends_the_invitation_and_survives_its_withdrawal(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    email = new_email()
    invited = (await invite(client, admin, partner, email=email)).json()
    old_link = await mailed_token(sessionmaker, to_smtp, email)
    # The person asks for a reset instead and sets a password with it.
    reset = await resets.mailed_token(client, sessionmaker, to_smtp, email)
    done = await resets.send_form(client, await resets.open_form(client, reset))
    assert done.status_code == 200, done.text

    page = await client.get(PAGE, params={"token": old_link})
    assert page.status_code == 410
    listed = await client.get(invitations_of(partner), headers=admin)
    assert listed.json()["items"] == []
    # Withdrawing it late leaves the member able to sign in.
    withdrawn = await client.delete(f"{invitations_of(partner)}/{invited['id']}", headers=admin)
    assert withdrawn.status_code == 204
    db.expire_all()
    user = await db.get_one(User, uuid.UUID(invited["user_id"]))
    assert user.active is True
    assert user.password_hash is not None
    assert verify_password(user.password_hash, resets.NEW)


async def test_an_invitation_link_opens_nothing_once_its_person_has_a_password(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    email = new_email()
    invited = (await invite(client, admin, partner, email=email)).json()
    link = await mailed_token(sessionmaker, to_smtp, email)
    # However the password came (an invitation left pending by an older version, say).
    await db.execute(
        update(User)
        .where(User.id == uuid.UUID(invited["user_id"]))
        .values(password_hash=hash_password(resets.NEW))
    )

    page = await client.get(PAGE, params={"token": link})

    assert page.status_code == 410
    assert "already has a password" in page.text


async def test_an_organization_name_stored_with_a_line_break_still_mails_its_invitation(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    # Written before names refused control characters.
    await db.execute(
        update(Organization).where(Organization.id == partner.id).values(name="Acme\r\nPartners")
    )
    email = new_email()
    assert (await invite(client, admin, partner, email=email)).status_code == 201

    await run_jobs(sessionmaker, "mail.send")

    [message] = mails_to(to_smtp, email)
    assert message["Subject"] == "Your invitation to Acme Partners on dealreg"


async def test_an_email_whose_invitation_lapsed_or_was_withdrawn_is_invited_again(
    client: httpx.AsyncClient,
    db: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    to_smtp: Smtp,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    email, base = new_email(), invitations_of(partner)
    first = (await invite(client, admin, partner, email=email)).json()
    # While its link is live, inviting again is the duplicate it was.
    assert_problem(await invite(client, admin, partner, email=email), 409)
    old_link = await mailed_token(sessionmaker, to_smtp, email)
    await db.execute(
        update(Invitation)
        .where(Invitation.id == uuid.UUID(first["id"]))
        .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    )

    second = await invite(client, admin, partner, email=email.upper(), role=Role.partner_admin)
    assert second.status_code == 201, second.text
    assert second.json()["user_id"] == first["user_id"]
    await run_jobs(sessionmaker, "mail.send")
    new_link = token_of(link_in(mails_to(to_smtp, email)[-1]))
    assert new_link != old_link
    # Withdrawn (the person disabled with it), then invited once more: enabled again.
    gone = await client.delete(f"{invitations_of(partner)}/{second.json()['id']}", headers=admin)
    assert gone.status_code == 204
    third = await invite(client, admin, partner, email=email)
    assert third.status_code == 201, third.text
    await run_jobs(sessionmaker, "mail.send")
    link = token_of(link_in(mails_to(to_smtp, email)[-1]))

    assert (await client.get(PAGE, params={"token": new_link})).status_code == 410
    joined = await send_form(client, await open_form(client, link))
    assert joined.status_code == 200, joined.text
    assert_problem(
        await client.post(base, json={"email": email, "role": "partner_rep"}, headers=admin), 409
    )
    assert (await client.get(base, headers=admin)).json()["items"] == []
    db.expire_all()
    user = await db.get_one(User, uuid.UUID(first["user_id"]))
    assert user.active is True
    assert user.role is Role.partner_rep


async def test_an_email_invited_to_another_organization_is_still_taken(
    client: httpx.AsyncClient,
    db: AsyncSession,
    factory: Factory,
    partner: Organization,
    admin: dict[str, str],
) -> None:
    email = new_email()
    first = (await invite(client, admin, partner, email=email)).json()
    await db.execute(
        update(Invitation)
        .where(Invitation.id == uuid.UUID(first["id"]))
        .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    )
    other = await factory.partner()
    other_admin = await factory.headers_for(other, Role.partner_admin)

    assert_problem(await invite(client, other_admin, other, email=email), 409)


CHOSEN = ("first passphrase 1234", "second passphrase 5678")


async def test_one_link_sent_twice_at_once_is_accepted_once(
    settings: Settings, committing_engine: AsyncEngine, committed: Factory, to_smtp: Smtp
) -> None:
    # Requests at once need connections of their own: a database where work commits.
    partner = await committed.partner()
    admin = await committed.headers_for(partner, Role.partner_admin)
    await committed.db.commit()
    sessionmaker = make_sessionmaker(committing_engine)
    address = new_email()
    async with browser(create_app(settings, sessionmaker=sessionmaker)) as web:
        assert (await invite(web, admin, partner, email=address)).status_code == 201
        fields = await open_form(web, await mailed_token(sessionmaker, to_smtp, address))

        answers = await asyncio.gather(
            *[send_form(web, fields, password=chosen, password_again=chosen) for chosen in CHOSEN]
        )

    assert sorted(answer.status_code for answer in answers) == [200, 410]
    kept = CHOSEN[0] if answers[0].status_code == 200 else CHOSEN[1]
    async with sessionmaker() as session:
        user = (await session.scalars(select(User).where(User.email == address))).one()
        accepted = await session.scalars(
            select(Invitation.accepted_at).where(Invitation.user_id == user.id)
        )
    assert verify_password(user.password_hash, kept)
    assert [at is not None for at in accepted] == [True]
