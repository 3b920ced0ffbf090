"""Invitations to an organization, and password resets asked for by email: the API's side of
the one-time links mailed to people (their pages are in api/account.py)."""

import uuid
from datetime import datetime
from typing import Any

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from dealreg.api.deps import Caller, Cursor, Db, Limit, encode_cursor, page_request
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.api.throttling import charge_address
from dealreg.auth import invitations, resets, scopes
from dealreg.config import Settings
from dealreg.fields import Email, Resource
from dealreg.orgs.models import Role
from dealreg.pagination import DEFAULT_LIMIT


class InvitationCreate(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    role: Role


class InvitationOut(Resource, kw_only=True):
    organization_id: uuid.UUID
    # The person the invitation made: a user of the organization who cannot sign in until
    # they accept.
    user_id: uuid.UUID
    email: str
    role: Role
    invited_by: uuid.UUID
    expires_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None


class InvitationList(msgspec.Struct):
    items: list[InvitationOut]
    next_cursor: str | None


class InvitationController(Controller):
    path = "/v1/organizations/{org_id:uuid}/invitations"
    tags = ["organizations"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_USERS)],
        responses=problems(404, 409, 413),
        summary="Invite a person to an organization",
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        org_id: FromPath[uuid.UUID],
        data: JSONBody[InvitationCreate],
    ) -> InvitationOut:
        """An administrator of the organization (or the platform) adds the person, who cannot
        sign in yet, and dealreg mails them a one-time link, valid 7 days, to a page where they
        set their name and password. The role must be one the organization's kind has and the
        caller may grant (422, 403); an email somebody already has is a 409."""
        settings: Settings = request.app.state.settings
        invitation = await invitations.invite(
            db,
            request.app.state.mail_sealer,
            settings.jwt_issuer,
            principal,
            org_id,
            email=data.email,
            role=data.role,
        )
        return InvitationOut.of(invitation)

    @get(
        guards=[requires(scopes.WRITE_USERS)],
        responses=problems(404),
        summary="List an organization's pending invitations",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        org_id: FromPath[uuid.UUID],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
    ) -> InvitationList:
        """Invitations neither accepted nor withdrawn, expired ones included (see
        `expires_at`), oldest first."""
        page = await invitations.pending(
            db, principal, org_id, page=page_request(limit, cursor, None)
        )
        return InvitationList(
            items=[InvitationOut.of(row) for row in page.items],
            next_cursor=encode_cursor(page.next_key),
        )

    @delete(
        "/{invitation_id:uuid}",
        guards=[requires(scopes.WRITE_USERS)],
        responses=problems(404, 409),
        status_code=HTTP_204_NO_CONTENT,
        summary="Withdraw a pending invitation",
    )
    async def revoke(
        self,
        db: Db,
        principal: Caller,
        org_id: FromPath[uuid.UUID],
        invitation_id: FromPath[uuid.UUID],
    ) -> None:
        """Its link stops working and the person it made is disabled (enable them again with
        PATCH on the user). An accepted invitation is a 409: disable the user instead."""
        await invitations.revoke(db, principal, org_id, invitation_id)


class PasswordResetRequest(msgspec.Struct, forbid_unknown_fields=True):
    email: Email


class PasswordResetAccepted(msgspec.Struct):
    detail: str


# Word for word the same whoever the email is.
_ACCEPTED = PasswordResetAccepted(
    "If this email is a dealreg account's, a link to choose a new password is on its way. "
    "It works once, for 30 minutes."
)


@post(
    "/v1/password-resets",
    operation_id="passwordResetRequest",
    tags=["oauth"],
    opt={"public": True},
    status_code=HTTP_202_ACCEPTED,
    responses=problems(413, 429, public=True),
    summary="Ask for a password reset link by email",
)
async def request_password_reset(
    request: Request[Any, Any, Any], db: Db, data: JSONBody[PasswordResetRequest]
) -> PasswordResetAccepted:
    """Always 202, whoever the email belongs to (or nobody): if it is an active person's, a
    one-time link valid 30 minutes is mailed to it, to a page where they choose a new password.
    A few requests per email within 30 minutes are mailed; further ones are answered alike and
    dropped.
    Counted against the client IP's limit of requests without a token."""
    await charge_address(request.scope)
    await resets.request_reset(db, data.email)
    return _ACCEPTED
