from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.earning_list import EarningList
from ...models.earning_status import EarningStatus
from ...models.problem import Problem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    rep_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: EarningStatus | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_rep_id: None | str | Unset
    if isinstance(rep_id, Unset):
        json_rep_id = UNSET
    elif isinstance(rep_id, UUID):
        json_rep_id = str(rep_id)
    else:
        json_rep_id = rep_id
    params["rep_id"] = json_rep_id

    json_vendor_id: None | str | Unset
    if isinstance(vendor_id, Unset):
        json_vendor_id = UNSET
    elif isinstance(vendor_id, UUID):
        json_vendor_id = str(vendor_id)
    else:
        json_vendor_id = vendor_id
    params["vendor_id"] = json_vendor_id

    json_partner_id: None | str | Unset
    if isinstance(partner_id, Unset):
        json_partner_id = UNSET
    elif isinstance(partner_id, UUID):
        json_partner_id = str(partner_id)
    else:
        json_partner_id = partner_id
    params["partner_id"] = json_partner_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, EarningStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/earnings",
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
    *,
    client: AuthenticatedClient,
    rep_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: EarningStatus | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[EarningList | Problem]:
    """ Ledger entries the caller may see, newest first

     A rep's own; a partner admin's reps'; a vendor's staff, their vendor's; the platform, all. Narrow
    them by rep, vendor, partner or status.

    Args:
        rep_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (EarningStatus | None | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EarningList | Problem]
     """


    kwargs = _get_kwargs(
        rep_id=rep_id,
vendor_id=vendor_id,
partner_id=partner_id,
status=status,
limit=limit,
cursor=cursor,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    rep_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: EarningStatus | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> EarningList | Problem | None:
    """ Ledger entries the caller may see, newest first

     A rep's own; a partner admin's reps'; a vendor's staff, their vendor's; the platform, all. Narrow
    them by rep, vendor, partner or status.

    Args:
        rep_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (EarningStatus | None | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EarningList | Problem
     """


    return sync_detailed(
        client=client,
rep_id=rep_id,
vendor_id=vendor_id,
partner_id=partner_id,
status=status,
limit=limit,
cursor=cursor,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    rep_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: EarningStatus | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> Response[EarningList | Problem]:
    """ Ledger entries the caller may see, newest first

     A rep's own; a partner admin's reps'; a vendor's staff, their vendor's; the platform, all. Narrow
    them by rep, vendor, partner or status.

    Args:
        rep_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (EarningStatus | None | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EarningList | Problem]
     """


    kwargs = _get_kwargs(
        rep_id=rep_id,
vendor_id=vendor_id,
partner_id=partner_id,
status=status,
limit=limit,
cursor=cursor,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    rep_id: None | Unset | UUID = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    partner_id: None | Unset | UUID = UNSET,
    status: EarningStatus | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,

) -> EarningList | Problem | None:
    """ Ledger entries the caller may see, newest first

     A rep's own; a partner admin's reps'; a vendor's staff, their vendor's; the platform, all. Narrow
    them by rep, vendor, partner or status.

    Args:
        rep_id (None | Unset | UUID):
        vendor_id (None | Unset | UUID):
        partner_id (None | Unset | UUID):
        status (EarningStatus | None | Unset):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EarningList | Problem
     """


    return (await asyncio_detailed(
        client=client,
rep_id=rep_id,
vendor_id=vendor_id,
partner_id=partner_id,
status=status,
limit=limit,
cursor=cursor,

    )).parsed
