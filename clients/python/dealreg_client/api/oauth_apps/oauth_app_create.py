from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.oauth_app_create import OauthAppCreate
from ...models.oauth_app_out import OauthAppOut
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    body: OauthAppCreate,
    idempotency_key: str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/oauth-apps",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OauthAppOut | Problem | None:
    if response.status_code == 201:
        response_201 = OauthAppOut.from_dict(response.json())



        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OauthAppOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OauthAppCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[OauthAppOut | Problem]:
    """ Register an app people sign in through

     A public client: it keeps no secret, and gets people's tokens with the authorization code flow and
    PKCE (S256) at `/oauth/authorize`, then `/v1/oauth/token`. Redirect URIs are matched exactly, except
    that a loopback IP literal (`http://127.0.0.1/callback`) takes any port (RFC 8252 §7.3).

    Args:
        idempotency_key (str | Unset):
        body (OauthAppCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OauthAppOut | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: OauthAppCreate,
    idempotency_key: str | Unset = UNSET,

) -> OauthAppOut | Problem | None:
    """ Register an app people sign in through

     A public client: it keeps no secret, and gets people's tokens with the authorization code flow and
    PKCE (S256) at `/oauth/authorize`, then `/v1/oauth/token`. Redirect URIs are matched exactly, except
    that a loopback IP literal (`http://127.0.0.1/callback`) takes any port (RFC 8252 §7.3).

    Args:
        idempotency_key (str | Unset):
        body (OauthAppCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OauthAppOut | Problem
     """


    return sync_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OauthAppCreate,
    idempotency_key: str | Unset = UNSET,

) -> Response[OauthAppOut | Problem]:
    """ Register an app people sign in through

     A public client: it keeps no secret, and gets people's tokens with the authorization code flow and
    PKCE (S256) at `/oauth/authorize`, then `/v1/oauth/token`. Redirect URIs are matched exactly, except
    that a loopback IP literal (`http://127.0.0.1/callback`) takes any port (RFC 8252 §7.3).

    Args:
        idempotency_key (str | Unset):
        body (OauthAppCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OauthAppOut | Problem]
     """


    kwargs = _get_kwargs(
        body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OauthAppCreate,
    idempotency_key: str | Unset = UNSET,

) -> OauthAppOut | Problem | None:
    """ Register an app people sign in through

     A public client: it keeps no secret, and gets people's tokens with the authorization code flow and
    PKCE (S256) at `/oauth/authorize`, then `/v1/oauth/token`. Redirect URIs are matched exactly, except
    that a loopback IP literal (`http://127.0.0.1/callback`) takes any port (RFC 8252 §7.3).

    Args:
        idempotency_key (str | Unset):
        body (OauthAppCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OauthAppOut | Problem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
