from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.earning_list import EarningList
from ...models.payout_list_items_format_type_1 import PayoutListItemsFormatType1
from ...models.payout_list_items_format_type_2_type_1 import PayoutListItemsFormatType2Type1
from ...models.payout_list_items_format_type_3_type_1 import PayoutListItemsFormatType3Type1
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    payout_id: UUID,
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 | PayoutListItemsFormatType3Type1 | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, PayoutListItemsFormatType1):
        json_format_ = format_.value
    elif isinstance(format_, PayoutListItemsFormatType2Type1):
        json_format_ = format_.value
    elif isinstance(format_, PayoutListItemsFormatType3Type1):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/payouts/{payout_id}/items".format(payout_id=quote(str(payout_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EarningList | Problem | None:
    if response.status_code == 200:
        response_200 = EarningList.from_dict(response.json())



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

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EarningList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    payout_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 | PayoutListItemsFormatType3Type1 | Unset = UNSET,

) -> Response[EarningList | Problem]:
    """ The payout's entries in the order earned; as CSV, all of them

    Args:
        payout_id (UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 |
            PayoutListItemsFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON
            by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EarningList | Problem]
     """


    kwargs = _get_kwargs(
        payout_id=payout_id,
limit=limit,
cursor=cursor,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    payout_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 | PayoutListItemsFormatType3Type1 | Unset = UNSET,

) -> EarningList | Problem | None:
    """ The payout's entries in the order earned; as CSV, all of them

    Args:
        payout_id (UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 |
            PayoutListItemsFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON
            by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EarningList | Problem
     """


    return sync_detailed(
        payout_id=payout_id,
client=client,
limit=limit,
cursor=cursor,
format_=format_,

    ).parsed

async def asyncio_detailed(
    payout_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 | PayoutListItemsFormatType3Type1 | Unset = UNSET,

) -> Response[EarningList | Problem]:
    """ The payout's entries in the order earned; as CSV, all of them

    Args:
        payout_id (UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 |
            PayoutListItemsFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON
            by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EarningList | Problem]
     """


    kwargs = _get_kwargs(
        payout_id=payout_id,
limit=limit,
cursor=cursor,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    payout_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 | PayoutListItemsFormatType3Type1 | Unset = UNSET,

) -> EarningList | Problem | None:
    """ The payout's entries in the order earned; as CSV, all of them

    Args:
        payout_id (UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | PayoutListItemsFormatType1 | PayoutListItemsFormatType2Type1 |
            PayoutListItemsFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON
            by default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EarningList | Problem
     """


    return (await asyncio_detailed(
        payout_id=payout_id,
client=client,
limit=limit,
cursor=cursor,
format_=format_,

    )).parsed
