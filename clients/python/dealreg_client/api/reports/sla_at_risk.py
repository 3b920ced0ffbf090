from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.at_risk_list import AtRiskList
from ...models.problem import Problem
from ...models.sla_at_risk_format_type_1 import SlaAtRiskFormatType1
from ...models.sla_at_risk_format_type_2_type_1 import SlaAtRiskFormatType2Type1
from ...models.sla_at_risk_format_type_3_type_1 import SlaAtRiskFormatType3Type1
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    vendor_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 | SlaAtRiskFormatType3Type1 | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_vendor_id: None | str | Unset
    if isinstance(vendor_id, Unset):
        json_vendor_id = UNSET
    elif isinstance(vendor_id, UUID):
        json_vendor_id = str(vendor_id)
    else:
        json_vendor_id = vendor_id
    params["vendor_id"] = json_vendor_id

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
    elif isinstance(format_, SlaAtRiskFormatType1):
        json_format_ = format_.value
    elif isinstance(format_, SlaAtRiskFormatType2Type1):
        json_format_ = format_.value
    elif isinstance(format_, SlaAtRiskFormatType3Type1):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/sla/at-risk",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AtRiskList | Problem | None:
    if response.status_code == 200:
        response_200 = AtRiskList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AtRiskList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 | SlaAtRiskFormatType3Type1 | Unset = UNSET,

) -> Response[AtRiskList | Problem]:
    """ Open registrations past their approval target or hard limit, breached first

     Channel ops see every vendor's (or one's); a vendor's admins and channel ops their own.
    Each names its owner (the assigned approver), how long it is overdue, and its link.

    Args:
        vendor_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 |
            SlaAtRiskFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AtRiskList | Problem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
limit=limit,
cursor=cursor,
format_=format_,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 | SlaAtRiskFormatType3Type1 | Unset = UNSET,

) -> AtRiskList | Problem | None:
    """ Open registrations past their approval target or hard limit, breached first

     Channel ops see every vendor's (or one's); a vendor's admins and channel ops their own.
    Each names its owner (the assigned approver), how long it is overdue, and its link.

    Args:
        vendor_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 |
            SlaAtRiskFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AtRiskList | Problem
     """


    return sync_detailed(
        client=client,
vendor_id=vendor_id,
limit=limit,
cursor=cursor,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 | SlaAtRiskFormatType3Type1 | Unset = UNSET,

) -> Response[AtRiskList | Problem]:
    """ Open registrations past their approval target or hard limit, breached first

     Channel ops see every vendor's (or one's); a vendor's admins and channel ops their own.
    Each names its owner (the assigned approver), how long it is overdue, and its link.

    Args:
        vendor_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 |
            SlaAtRiskFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AtRiskList | Problem]
     """


    kwargs = _get_kwargs(
        vendor_id=vendor_id,
limit=limit,
cursor=cursor,
format_=format_,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    vendor_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 | SlaAtRiskFormatType3Type1 | Unset = UNSET,

) -> AtRiskList | Problem | None:
    """ Open registrations past their approval target or hard limit, breached first

     Channel ops see every vendor's (or one's); a vendor's admins and channel ops their own.
    Each names its owner (the assigned approver), how long it is overdue, and its link.

    Args:
        vendor_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaAtRiskFormatType1 | SlaAtRiskFormatType2Type1 |
            SlaAtRiskFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AtRiskList | Problem
     """


    return (await asyncio_detailed(
        client=client,
vendor_id=vendor_id,
limit=limit,
cursor=cursor,
format_=format_,

    )).parsed
