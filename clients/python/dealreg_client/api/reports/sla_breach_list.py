from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.breach_list import BreachList
from ...models.problem import Problem
from ...models.sla_breach_list_format_type_1 import SlaBreachListFormatType1
from ...models.sla_breach_list_format_type_2_type_1 import SlaBreachListFormatType2Type1
from ...models.sla_breach_list_format_type_3_type_1 import SlaBreachListFormatType3Type1
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    *,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    program_id: None | Unset | UUID = UNSET,
    approver_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 | SlaBreachListFormatType3Type1 | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_vendor_id: None | str | Unset
    if isinstance(vendor_id, Unset):
        json_vendor_id = UNSET
    elif isinstance(vendor_id, UUID):
        json_vendor_id = str(vendor_id)
    else:
        json_vendor_id = vendor_id
    params["vendor_id"] = json_vendor_id

    json_program_id: None | str | Unset
    if isinstance(program_id, Unset):
        json_program_id = UNSET
    elif isinstance(program_id, UUID):
        json_program_id = str(program_id)
    else:
        json_program_id = program_id
    params["program_id"] = json_program_id

    json_approver_id: None | str | Unset
    if isinstance(approver_id, Unset):
        json_approver_id = UNSET
    elif isinstance(approver_id, UUID):
        json_approver_id = str(approver_id)
    else:
        json_approver_id = approver_id
    params["approver_id"] = json_approver_id

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
    elif isinstance(format_, SlaBreachListFormatType1):
        json_format_ = format_.value
    elif isinstance(format_, SlaBreachListFormatType2Type1):
        json_format_ = format_.value
    elif isinstance(format_, SlaBreachListFormatType3Type1):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/sla/breaches",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BreachList | Problem | None:
    if response.status_code == 200:
        response_200 = BreachList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BreachList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    program_id: None | Unset | UUID = UNSET,
    approver_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 | SlaBreachListFormatType3Type1 | Unset = UNSET,

) -> Response[BreachList | Problem]:
    """ The breached registrations, in the order they breached

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        program_id (None | Unset | UUID):
        approver_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 |
            SlaBreachListFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BreachList | Problem]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
vendor_id=vendor_id,
program_id=program_id,
approver_id=approver_id,
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
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    program_id: None | Unset | UUID = UNSET,
    approver_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 | SlaBreachListFormatType3Type1 | Unset = UNSET,

) -> BreachList | Problem | None:
    """ The breached registrations, in the order they breached

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        program_id (None | Unset | UUID):
        approver_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 |
            SlaBreachListFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BreachList | Problem
     """


    return sync_detailed(
        client=client,
from_=from_,
to=to,
vendor_id=vendor_id,
program_id=program_id,
approver_id=approver_id,
limit=limit,
cursor=cursor,
format_=format_,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    program_id: None | Unset | UUID = UNSET,
    approver_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 | SlaBreachListFormatType3Type1 | Unset = UNSET,

) -> Response[BreachList | Problem]:
    """ The breached registrations, in the order they breached

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        program_id (None | Unset | UUID):
        approver_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 |
            SlaBreachListFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BreachList | Problem]
     """


    kwargs = _get_kwargs(
        from_=from_,
to=to,
vendor_id=vendor_id,
program_id=program_id,
approver_id=approver_id,
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
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    vendor_id: None | Unset | UUID = UNSET,
    program_id: None | Unset | UUID = UNSET,
    approver_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    format_: None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 | SlaBreachListFormatType3Type1 | Unset = UNSET,

) -> BreachList | Problem | None:
    """ The breached registrations, in the order they breached

    Args:
        from_ (datetime.date | None | Unset): First day of submission (UTC); 90 days back.
        to (datetime.date | None | Unset): Last day of submission (UTC); today.
        vendor_id (None | Unset | UUID):
        program_id (None | Unset | UUID):
        approver_id (None | Unset | UUID):
        limit (int | Unset): Page size. Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page.
        format_ (None | SlaBreachListFormatType1 | SlaBreachListFormatType2Type1 |
            SlaBreachListFormatType3Type1 | Unset): `csv` for CSV; else by the Accept header (JSON by
            default).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BreachList | Problem
     """


    return (await asyncio_detailed(
        client=client,
from_=from_,
to=to,
vendor_id=vendor_id,
program_id=program_id,
approver_id=approver_id,
limit=limit,
cursor=cursor,
format_=format_,

    )).parsed
