from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.bad_request_problem import BadRequestProblem
from ...models.invalid_cursor_problem import InvalidCursorProblem
from ...models.invalid_grant_problem import InvalidGrantProblem
from ...models.invalid_idempotency_key_problem import InvalidIdempotencyKeyProblem
from ...models.invalid_parameter_problem import InvalidParameterProblem
from ...models.invalid_scope_problem import InvalidScopeProblem
from ...models.invalid_token_request_problem import InvalidTokenRequestProblem
from ...models.malformed_body_problem import MalformedBodyProblem
from ...models.server_metadata import ServerMetadata
from ...models.unauthorized_client_problem import UnauthorizedClientProblem
from ...models.unsupported_grant_type_problem import UnsupportedGrantTypeProblem
from ...models.unsupported_token_type_problem import UnsupportedTokenTypeProblem
from typing import cast



def _get_kwargs(
    
) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/.well-known/oauth-authorization-server",
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata | None:
    if response.status_code == 200:
        response_200 = ServerMetadata.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        def _parse_response_400(data: object) -> BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_0 = BadRequestProblem.from_dict(data)



                return componentsschemas_problem_400_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_1 = MalformedBodyProblem.from_dict(data)



                return componentsschemas_problem_400_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_2 = InvalidParameterProblem.from_dict(data)



                return componentsschemas_problem_400_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_3 = InvalidCursorProblem.from_dict(data)



                return componentsschemas_problem_400_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_4 = InvalidIdempotencyKeyProblem.from_dict(data)



                return componentsschemas_problem_400_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_5 = InvalidScopeProblem.from_dict(data)



                return componentsschemas_problem_400_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_6 = UnsupportedGrantTypeProblem.from_dict(data)



                return componentsschemas_problem_400_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_7 = InvalidTokenRequestProblem.from_dict(data)



                return componentsschemas_problem_400_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_8 = InvalidGrantProblem.from_dict(data)



                return componentsschemas_problem_400_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_problem_400_type_9 = UnauthorizedClientProblem.from_dict(data)



                return componentsschemas_problem_400_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_problem_400_type_10 = UnsupportedTokenTypeProblem.from_dict(data)



            return componentsschemas_problem_400_type_10

        response_400 = _parse_response_400(response.json())

        return response_400

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata]:
    """ The authorization server's metadata (RFC 8414)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata]
     """


    kwargs = _get_kwargs(
        
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata | None:
    """ The authorization server's metadata (RFC 8414)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata
     """


    return sync_detailed(
        client=client,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,

) -> Response[BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata]:
    """ The authorization server's metadata (RFC 8414)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata]
     """


    kwargs = _get_kwargs(
        
    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient | Client,

) -> BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata | None:
    """ The authorization server's metadata (RFC 8414)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BadRequestProblem | InvalidCursorProblem | InvalidGrantProblem | InvalidIdempotencyKeyProblem | InvalidParameterProblem | InvalidScopeProblem | InvalidTokenRequestProblem | MalformedBodyProblem | UnauthorizedClientProblem | UnsupportedGrantTypeProblem | UnsupportedTokenTypeProblem | ServerMetadata
     """


    return (await asyncio_detailed(
        client=client,

    )).parsed
