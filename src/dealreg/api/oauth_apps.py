"""`/v1/oauth-apps`: the apps people sign in through (public clients: a phone app, a browser
app), registered by the platform's admins with the redirect URIs they may send codes to."""

import uuid
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.params import FromPath, JSONBody

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.deps import Caller, Cursor, Db, Limit, UpdatedSince, encode_cursor, page_request
from dealreg.api.schemas import CHANGE_PROBLEMS, problems, unset_to_none
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import apps, scopes
from dealreg.fields import Name, Resource
from dealreg.pagination import DEFAULT_LIMIT

ClientId = Annotated[
    str,
    msgspec.Meta(
        # No underscore: a machine client's ids are `drc_…`, so the two never collide.
        pattern=r"^[a-z0-9][a-z0-9.-]{2,63}$",
        description="Lower-case letters, digits, dots and hyphens, 3 to 64 of them.",
        examples=["dealreg-app"],
    ),
]
RedirectUri = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
RedirectUris = Annotated[
    list[RedirectUri], msgspec.Meta(min_length=1, max_length=apps.MAX_REDIRECT_URIS)
]


class OauthAppCreate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    client_id: ClientId
    name: Name
    # https, loopback http (127.0.0.1 and [::1] take any port), or com.example.app:/callback.
    redirect_uris: RedirectUris
    # dealreg's own pages (their cookie session signs in through this flow).
    first_party: bool = False


class OauthAppUpdate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    name: Name | msgspec.UnsetType = msgspec.UNSET
    redirect_uris: RedirectUris | msgspec.UnsetType = msgspec.UNSET
    # False refuses its sign-ins, codes and refresh tokens.
    active: bool | msgspec.UnsetType = msgspec.UNSET


class OauthAppOut(Resource, kw_only=True):
    client_id: str
    name: str
    redirect_uris: list[str]
    first_party: bool
    active: bool


class OauthAppList(msgspec.Struct):
    items: list[OauthAppOut]
    next_cursor: str | None


class OauthAppController(Controller):
    path = "/v1/oauth-apps"
    tags = ["oauth-apps"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_OAUTH_APPS)],
        responses=problems(409, 413),
        response_headers=[ETAG_HEADER],
        summary="Register an app people sign in through",
        description=(
            "A public client: it keeps no secret, and gets people's tokens with the "
            "authorization code flow and PKCE (S256) at `/oauth/authorize`, then "
            "`/v1/oauth/token`. Redirect URIs are matched exactly, except that a loopback IP "
            "literal (`http://127.0.0.1/callback`) takes any port (RFC 8252 §7.3)."
        ),
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[OauthAppCreate]
    ) -> Response[OauthAppOut]:
        app = await apps.create_app(
            db,
            principal,
            client_id=data.client_id,
            name=data.name,
            redirect_uris=data.redirect_uris,
            first_party=data.first_party,
        )
        return tagged(OauthAppOut.of(app), app.version)

    @get(
        guards=[requires(scopes.READ_OAUTH_APPS)],
        responses=problems(),
        summary="The apps people sign in through",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> OauthAppList:
        page = await apps.list_apps(db, principal, page=page_request(limit, cursor, updated_since))
        return OauthAppList(
            items=[OauthAppOut.of(app) for app in page.items],
            next_cursor=encode_cursor(page.next_key),
        )

    @get(
        "/{oauth_app_id:uuid}",
        guards=[requires(scopes.READ_OAUTH_APPS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read an app",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        oauth_app_id: FromPath[uuid.UUID],
    ) -> Response[OauthAppOut]:
        app = await apps.get_app(db, principal, oauth_app_id)
        return with_etag(request, OauthAppOut.of(app), app.version)

    @patch(
        "/{oauth_app_id:uuid}",
        guards=[requires(scopes.WRITE_OAUTH_APPS)],
        responses=CHANGE_PROBLEMS,
        response_headers=[ETAG_HEADER],
        summary="Rename an app, change its redirect URIs, disable or enable it",
    )
    async def update(
        self,
        db: Db,
        principal: Caller,
        oauth_app_id: FromPath[uuid.UUID],
        data: JSONBody[OauthAppUpdate],
        precondition: Precondition,
    ) -> Response[OauthAppOut]:
        app = await apps.update_app(
            db,
            principal,
            oauth_app_id,
            if_match=precondition,
            name=unset_to_none(data.name),
            redirect_uris=unset_to_none(data.redirect_uris),
            active=unset_to_none(data.active),
        )
        return tagged(OauthAppOut.of(app), app.version)
