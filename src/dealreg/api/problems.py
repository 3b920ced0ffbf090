"""The registry of problem types (api/problem_types.py) shown two ways: as pages at `/problems` and
`/problems/{name}` for people, and as one schema per type in the OpenAPI document for clients.

In the document each type is `Problem` with its `type` URI (and status) fixed and its extension
members declared; each error response of an operation refers to the union of the
types of its status, told apart by `type` (a discriminator), so a generated client has a class
per problem type and the members it may read."""

from typing import Any

from litestar import Response, get
from litestar.exceptions import NotFoundException
from litestar.openapi.spec import (
    Discriminator,
    ExternalDocumentation,
    OpenAPI,
    OpenAPIFormat,
    OpenAPIType,
    Reference,
    Schema,
)
from litestar.params import FromPath

from dealreg.api.html import HTML_ERRORS, render_page
from dealreg.api.problem_types import PROBLEM_TYPES, Member, ProblemType
from dealreg.errors import OAUTH_ERROR_MEDIA_TYPE, PROBLEM_BASE, PROBLEM_MEDIA_TYPE

PROBLEMS_PATH = "/problems"
_SCHEMAS = "#/components/schemas/"
_OPERATIONS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_PAGE: dict[str, Any] = {
    "opt": {"public": True},
    "include_in_schema": False,
    "exception_handlers": HTML_ERRORS,
}


def uri(problem: ProblemType) -> str:
    return PROBLEM_BASE + problem.type


def schema_name(problem: ProblemType) -> str:
    """`registration-not-found` → `RegistrationNotFoundProblem`."""
    return "".join(word.title() for word in problem.type.split("-")) + "Problem"


def _member_schema(member: Member) -> Schema:
    spec = member.schema
    return Schema(
        type=OpenAPIType(spec["type"]),
        format=OpenAPIFormat(spec["format"]) if "format" in spec else None,
        enum=spec.get("enum"),
        description=member.description,
    )


def _type_schema(problem: ProblemType, base: Schema) -> Schema:
    """The base problem's members, `type` (and `status`) fixed, the type's own members added.
    Whole rather than an `allOf` of the base: generators (openapi-python-client) cannot narrow
    an inherited `string` to a constant."""
    properties: dict[str, Schema | Reference] = dict(base.properties or {})
    properties["type"] = Schema(type=OpenAPIType.STRING, const=uri(problem))
    if problem.status is not None:
        properties["status"] = Schema(type=OpenAPIType.INTEGER, const=problem.status)
    properties |= {name: _member_schema(m) for name, m in problem.members.items()}
    return Schema(
        type=OpenAPIType.OBJECT,
        description=f"{problem.title}. {problem.meaning} What to do: {problem.action}",
        properties=properties,
        required=base.required,
        external_docs=ExternalDocumentation(url=f"{PROBLEMS_PATH}/{problem.type}"),
    )


def document_problems(openapi: OpenAPI) -> None:
    """Add a schema per problem type and make each error response refer to those of its
    status."""
    schemas = openapi.components.schemas
    by_status: dict[int, list[ProblemType]] = {}
    for problem in PROBLEM_TYPES.values():
        schemas[schema_name(problem)] = _type_schema(problem, schemas["Problem"])
        if problem.status is not None:
            by_status.setdefault(problem.status, []).append(problem)
    for status, problems in sorted(by_status.items()):
        if len(problems) > 1:
            schemas[f"Problem{status}"] = Schema(
                description=f"The problem types of status {status}, told apart by `type`.",
                one_of=[Reference(ref=_SCHEMAS + schema_name(p)) for p in problems],
                discriminator=Discriminator(
                    property_name="type",
                    mapping={uri(p): _SCHEMAS + schema_name(p) for p in problems},
                ),
            )
    for item in (openapi.paths or {}).values():
        for method in _OPERATIONS:
            operation = getattr(item, method, None)
            if operation is None:
                continue
            for status, response in (operation.responses or {}).items():
                media = getattr(response, "content", None) or {}
                problems = by_status.get(int(status), [])
                if not problems:
                    continue
                name = f"Problem{status}" if len(problems) > 1 else schema_name(problems[0])
                for media_type in (PROBLEM_MEDIA_TYPE, OAUTH_ERROR_MEDIA_TYPE):
                    if media_type in media:
                        media[media_type].schema = Reference(ref=_SCHEMAS + name)


# --- pages -------------------------------------------------------------------------------------


def _prose(text: str) -> list[tuple[str, bool]]:
    """The registry's text in runs, each with whether it is a `code` span (odd runs between
    backticks), for the template to set as code."""
    return [(run, index % 2 == 1) for index, run in enumerate(text.split("`")) if run]


def _grouped() -> list[tuple[int | None, list[ProblemType]]]:
    by_status: dict[int | None, list[ProblemType]] = {}
    for problem in PROBLEM_TYPES.values():
        by_status.setdefault(problem.status, []).append(problem)
    return sorted(by_status.items(), key=lambda item: item[0] or 999)


@get(PROBLEMS_PATH, **_PAGE)
async def problem_index() -> Response[str]:
    """Every problem type, by status."""
    return render_page("problems.html", groups=_grouped(), base=PROBLEM_BASE)


@get(f"{PROBLEMS_PATH}/{{name:str}}", **_PAGE)
async def problem_page(name: FromPath[str]) -> Response[str]:
    """One problem type: what it means, what to do, the members it may carry."""
    problem = PROBLEM_TYPES.get(name)
    if problem is None:
        raise NotFoundException(f"No problem type {name!r}: see {PROBLEMS_PATH}.")
    return render_page(
        "problem_type.html",
        problem=problem,
        uri=uri(problem),
        meaning=_prose(problem.meaning),
        action=_prose(problem.action),
    )
