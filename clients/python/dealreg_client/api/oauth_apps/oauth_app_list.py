from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.oauth_app_list import OauthAppList
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/oauth-apps",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OauthAppList | Problem | None:
    if response.status_code == 200:
        response_200 = OauthAppList.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[OauthAppList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Response[OauthAppList | Problem]:
    """ The apps people sign in through

    Args:
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OauthAppList | Problem]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
updated_since=updated_since,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> OauthAppList | Problem | None:
    """ The apps people sign in through

    Args:
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OauthAppList | Problem
     """


    return sync_detailed(
        client=client,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> Response[OauthAppList | Problem]:
    """ The apps people sign in through

    Args:
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OauthAppList | Problem]
     """


    kwargs = _get_kwargs(
        limit=limit,
cursor=cursor,
updated_since=updated_since,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,

) -> OauthAppList | Problem | None:
    """ The apps people sign in through

    Args:
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        updated_since (datetime.datetime | None | Unset): Delta sync: only what changed after this
            instant, oldest change first. Every page then carries a `next_cursor`, even an empty one:
            keep it and poll with it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OauthAppList | Problem
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
cursor=cursor,
updated_since=updated_since,

    )).parsed
