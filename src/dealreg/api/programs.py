import uuid
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from dealreg.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    Precondition,
    tagged,
    with_etag,
)
from dealreg.api.deps import (
    Caller,
    Cursor,
    Db,
    Limit,
    UpdatedSince,
    encode_cursor,
    page_request,
)
from dealreg.api.schemas import problems
from dealreg.api.security import BEARER_SECURITY, requires
from dealreg.auth import scopes
from dealreg.fields import NO_NUL, Currency, MinorUnits, Name, Resource, Sku
from dealreg.orgs import programs as service
from dealreg.orgs.models import Product
from dealreg.orgs.programs import AutoApproveRule, ExtraField
from dealreg.pagination import DEFAULT_LIMIT

AutoApproveRules = Annotated[list[AutoApproveRule], msgspec.Meta(max_length=20)]
DiscountBp = Annotated[
    int,
    msgspec.Meta(
        ge=0,
        le=10000,
        description=(
            "The discount every registration approved under the program gets, in basis points "
            "of its amount (300: three points); a partner's offer adds to it."
        ),
    ),
]


class AutoApproveRulesBody(msgspec.Struct, forbid_unknown_fields=True):
    rules: AutoApproveRules


class RegistrationDiscountBody(msgspec.Struct, forbid_unknown_fields=True):
    discount_bp: DiscountBp


class ProgramCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name
    currency: Currency
    # Defaults to the caller's own vendor; a platform admin names it.
    vendor_id: uuid.UUID | None = None
    description: Annotated[str, msgspec.Meta(max_length=4000, pattern=NO_NUL)] = ""
    protection_days: Annotated[int, msgspec.Meta(ge=1, le=3650)] = 90
    extension_days: Annotated[int, msgspec.Meta(ge=1, le=365)] = 30
    max_extensions: Annotated[int, msgspec.Meta(ge=0, le=10)] = 1
    minimum_deal_amount: MinorUnits = 0
    registration_discount_bp: DiscountBp = 0
    extra_fields: Annotated[list[ExtraField], msgspec.Meta(max_length=50)] = msgspec.field(
        default_factory=list
    )
    auto_approve_rules: AutoApproveRules = msgspec.field(default_factory=list)


class ProgramOut(Resource, kw_only=True):
    vendor_id: uuid.UUID
    name: str
    description: str
    currency: str
    protection_days: int
    extension_days: int
    max_extensions: int
    minimum_deal_amount: int
    registration_discount_bp: int
    extra_fields: list[ExtraField]
    auto_approve_rules: list[AutoApproveRule]
    active: bool


class ProgramList(msgspec.Struct):
    items: list[ProgramOut]
    next_cursor: str | None


class ListPrice(msgspec.Struct, forbid_unknown_fields=True):
    """A product's price per unit before any discount, in the program's currency."""

    amount: MinorUnits
    currency: Currency


class ProductCreate(msgspec.Struct, forbid_unknown_fields=True):
    sku: Sku
    name: Name
    list_price: ListPrice | None = None


class ProductOut(Resource, kw_only=True):
    program_id: uuid.UUID
    sku: str
    name: str
    active: bool
    list_price: ListPrice | None

    @classmethod
    def of_product(cls, product: Product) -> "ProductOut":
        price = None
        if product.list_price is not None and product.list_price_currency is not None:
            price = ListPrice(product.list_price, product.list_price_currency)
        return cls(
            id=product.id,
            created_at=product.created_at,
            updated_at=product.updated_at,
            version=product.version,
            program_id=product.program_id,
            sku=product.sku,
            name=product.name,
            active=product.active,
            list_price=price,
        )


class ProductList(msgspec.Struct):
    items: list[ProductOut]
    next_cursor: str | None


class ProgramController(Controller):
    path = "/v1/programs"
    tags = ["programs"]
    security = BEARER_SECURITY

    @post(
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=problems(409, 413),
        response_headers=[ETAG_HEADER],
        summary="Create a deal registration program",
    )
    async def create(
        self, db: Db, principal: Caller, data: JSONBody[ProgramCreate]
    ) -> Response[ProgramOut]:
        program = await service.create_program(
            db,
            principal,
            vendor_id=data.vendor_id,
            name=data.name,
            description=data.description,
            currency=data.currency,
            protection_days=data.protection_days,
            extension_days=data.extension_days,
            max_extensions=data.max_extensions,
            minimum_deal_amount=data.minimum_deal_amount,
            registration_discount_bp=data.registration_discount_bp,
            extra_fields=data.extra_fields,
            auto_approve_rules=data.auto_approve_rules,
        )
        return tagged(ProgramOut.of(program), program.version)

    @get(
        guards=[requires(scopes.READ_PROGRAMS)],
        responses=problems(),
        summary="List programs: a vendor's own, or those of the vendors a partner is enrolled with",
    )
    async def list(
        self,
        db: Db,
        principal: Caller,
        vendor_id: FromQuery[uuid.UUID | None] = None,
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> ProgramList:
        page = page_request(limit, cursor, updated_since)
        result = await service.list_programs(db, principal, vendor_id=vendor_id, page=page)
        return ProgramList(
            items=[ProgramOut.of(p) for p in result.items],
            next_cursor=encode_cursor(result.next_key),
        )

    @get(
        "/{program_id:uuid}",
        guards=[requires(scopes.READ_PROGRAMS)],
        responses=problems(404) | NOT_MODIFIED,
        response_headers=[ETAG_HEADER],
        summary="Read a program",
    )
    async def read(
        self,
        request: Request[Any, Any, Any],
        db: Db,
        principal: Caller,
        program_id: FromPath[uuid.UUID],
    ) -> Response[ProgramOut]:
        program = await service.get_program(db, principal, program_id)
        return with_etag(request, ProgramOut.of(program), program.version)

    @put(
        "/{program_id:uuid}/auto-approve-rules",
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=problems(404, 412, 413, 428),
        response_headers=[ETAG_HEADER],
        summary="Replace the rules that approve a matching registration at submission",
    )
    async def set_auto_approve_rules(
        self,
        db: Db,
        principal: Caller,
        program_id: FromPath[uuid.UUID],
        data: JSONBody[AutoApproveRulesBody],
        precondition: Precondition,
    ) -> Response[ProgramOut]:
        program = await service.set_auto_approve_rules(
            db,
            principal,
            program_id,
            if_match=precondition,
            rules=data.rules,
        )
        return tagged(ProgramOut.of(program), program.version)

    @put(
        "/{program_id:uuid}/registration-discount",
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=problems(404, 412, 428),
        response_headers=[ETAG_HEADER],
        summary="Set the standard discount of the program's registrations",
        description=(
            "Registrations submitted from now on are granted it; those submitted before keep "
            "the discount they were granted."
        ),
    )
    async def set_registration_discount(
        self,
        db: Db,
        principal: Caller,
        program_id: FromPath[uuid.UUID],
        data: JSONBody[RegistrationDiscountBody],
        precondition: Precondition,
    ) -> Response[ProgramOut]:
        program = await service.set_registration_discount(
            db, principal, program_id, if_match=precondition, discount_bp=data.discount_bp
        )
        return tagged(ProgramOut.of(program), program.version)

    @post(
        "/{program_id:uuid}/products",
        guards=[requires(scopes.WRITE_PROGRAMS)],
        responses=problems(404, 409, 413),
        summary="Add a product to a program's catalogue",
    )
    async def create_product(
        self,
        db: Db,
        principal: Caller,
        program_id: FromPath[uuid.UUID],
        data: JSONBody[ProductCreate],
    ) -> ProductOut:
        price = data.list_price
        product = await service.create_product(
            db,
            principal,
            program_id,
            sku=data.sku,
            name=data.name,
            list_price=(price.amount, price.currency) if price is not None else None,
        )
        return ProductOut.of_product(product)

    @get(
        "/{program_id:uuid}/products",
        guards=[requires(scopes.READ_PROGRAMS)],
        responses=problems(404),
        summary="List a program's products",
    )
    async def list_products(
        self,
        db: Db,
        principal: Caller,
        program_id: FromPath[uuid.UUID],
        limit: Limit = DEFAULT_LIMIT,
        cursor: Cursor = None,
        updated_since: UpdatedSince = None,
    ) -> ProductList:
        page = page_request(limit, cursor, updated_since)
        result = await service.list_products(db, principal, program_id, page=page)
        return ProductList(
            items=[ProductOut.of_product(p) for p in result.items],
            next_cursor=encode_cursor(result.next_key),
        )
