from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.event_feed import EventFeed
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_types: None | str | Unset
    if isinstance(types, Unset):
        json_types = UNSET
    else:
        json_types = types
    params["types"] = json_types

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventFeed | Problem | None:
    if response.status_code == 200:
        response_200 = EventFeed.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventFeed | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[EventFeed | Problem]:
    """ The organization's events, oldest first: a feed to poll with `after`

     Each event comes once across pages, in the order it was written, even one whose transaction commits
    late; events are kept 30 days. Every page carries `next_cursor`: keep it and poll with it.

    Args:
        after (None | str | Unset): `next_cursor` of the previous page.
        types (None | str | Unset): Comma-separated event types, or all of a resource's:
            `registration.*`.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventFeed | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
types=types,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> EventFeed | Problem | None:
    """ The organization's events, oldest first: a feed to poll with `after`

     Each event comes once across pages, in the order it was written, even one whose transaction commits
    late; events are kept 30 days. Every page carries `next_cursor`: keep it and poll with it.

    Args:
        after (None | str | Unset): `next_cursor` of the previous page.
        types (None | str | Unset): Comma-separated event types, or all of a resource's:
            `registration.*`.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventFeed | Problem
     """


    return sync_detailed(
        client=client,
after=after,
types=types,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[EventFeed | Problem]:
    """ The organization's events, oldest first: a feed to poll with `after`

     Each event comes once across pages, in the order it was written, even one whose transaction commits
    late; events are kept 30 days. Every page carries `next_cursor`: keep it and poll with it.

    Args:
        after (None | str | Unset): `next_cursor` of the previous page.
        types (None | str | Unset): Comma-separated event types, or all of a resource's:
            `registration.*`.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventFeed | Problem]
     """


    kwargs = _get_kwargs(
        after=after,
types=types,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: None | str | Unset = UNSET,
    limit: int | Unset = 50,

) -> EventFeed | Problem | None:
    """ The organization's events, oldest first: a feed to poll with `after`

     Each event comes once across pages, in the order it was written, even one whose transaction commits
    late; events are kept 30 days. Every page carries `next_cursor`: keep it and poll with it.

    Args:
        after (None | str | Unset): `next_cursor` of the previous page.
        types (None | str | Unset): Comma-separated event types, or all of a resource's:
            `registration.*`.
        limit (int | Unset): Page size. Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventFeed | Problem
     """


    return (await asyncio_detailed(
        client=client,
after=after,
types=types,
limit=limit,

    )).parsed
