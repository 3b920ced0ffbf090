import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from dealreg.db import Entity, pg_enum


class OrgKind(enum.StrEnum):
    vendor = "vendor"
    partner = "partner"
    platform = "platform"


class Role(enum.StrEnum):
    partner_rep = "partner_rep"
    partner_admin = "partner_admin"
    vendor_approver = "vendor_approver"
    vendor_admin = "vendor_admin"
    vendor_system = "vendor_system"
    channel_ops = "channel_ops"
    platform_admin = "platform_admin"


class Tier(enum.StrEnum):
    community = "community"
    registered = "registered"
    silver = "silver"
    gold = "gold"
    platinum = "platinum"


class RevenueBand(enum.StrEnum):
    """A partner organization's annual revenue, in US dollars, in bands (smallest first)."""

    under_1m = "under_1m"
    from_1m_to_10m = "1m_10m"
    from_10m_to_50m = "10m_50m"
    from_50m_to_250m = "50m_250m"
    from_250m_to_1b = "250m_1b"
    over_1b = "over_1b"


REVENUE_BANDS = list(RevenueBand)


class PartnershipStatus(enum.StrEnum):
    active = "active"
    suspended = "suspended"


class Organization(Entity):
    __tablename__ = "organizations"
    __table_args__ = (
        # Vendors need a code (registration numbers), a time zone (business-time SLA clocks).
        CheckConstraint(
            "kind <> 'vendor' OR (code IS NOT NULL AND timezone IS NOT NULL)", name="vendor_fields"
        ),
        CheckConstraint("country ~ '^[A-Z]{2}$'", name="country_alpha2"),
        Index(
            "uq_organizations_code", "code", unique=True, postgresql_where=text("code IS NOT NULL")
        ),
        Index("uq_organizations_name", func.lower(text("name")), unique=True),
        # Size facts are a partner's: its vendors' coverage (segments) is decided by them.
        CheckConstraint(
            "kind = 'partner' OR (employees IS NULL AND annual_revenue_band IS NULL)",
            name="size_of_partners",
        ),
        CheckConstraint("employees >= 0", name="employees_nonnegative"),
        CheckConstraint(
            "annual_revenue_band IN (" + ", ".join(f"'{band.value}'" for band in RevenueBand) + ")",
            name="annual_revenue_band_known",
        ),
    )

    kind: Mapped[OrgKind] = mapped_column(pg_enum(OrgKind))
    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str | None] = mapped_column(String(12))
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str | None] = mapped_column(String(64))
    # A partner's size facts (null: not known).
    employees: Mapped[int | None] = mapped_column(Integer)
    annual_revenue_band: Mapped[str | None] = mapped_column(String(20))


class User(Entity):
    __tablename__ = "users"
    __table_args__ = (Index("uq_users_email", func.lower(text("email")), unique=True),)

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(pg_enum(Role))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    # Tokens issued before this are refused: set when the user is disabled, so enabling them
    # again does not bring back a token minted before (one may have leaked with the person).
    tokens_valid_after: Mapped[datetime | None]
    # argon2id (auth/passwords.py); None: no password set yet, so no sign-in with one.
    password_hash: Mapped[str | None] = mapped_column(String(200))


class Partnership(Entity):
    __tablename__ = "partnerships"
    __table_args__ = (
        UniqueConstraint("partner_id", "vendor_id"),
        CheckConstraint("partner_id <> vendor_id", name="distinct_parties"),
    )

    partner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    tier: Mapped[Tier] = mapped_column(pg_enum(Tier))
    status: Mapped[PartnershipStatus] = mapped_column(
        pg_enum(PartnershipStatus), server_default=PartnershipStatus.active.value
    )
    # The vendor's channel account manager named for the partner: its call tasks go to them
    # when the partner's segment is covered by a named owner (engagement/routing.py).
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))


class Program(Entity):
    __tablename__ = "programs"
    __table_args__ = (
        UniqueConstraint("vendor_id", "name"),
        CheckConstraint("currency ~ '^[A-Z]{3}$'", name="currency_iso4217"),
        CheckConstraint("protection_days > 0", name="protection_days_positive"),
        CheckConstraint("extension_days > 0 AND max_extensions >= 0", name="extensions_valid"),
        CheckConstraint("minimum_deal_amount >= 0", name="minimum_deal_amount_nonnegative"),
        CheckConstraint(
            "registration_discount_bp BETWEEN 0 AND 10000", name="registration_discount_bp_valid"
        ),
    )

    vendor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, server_default="")
    currency: Mapped[str] = mapped_column(String(3))
    protection_days: Mapped[int] = mapped_column(Integer, server_default="90")
    extension_days: Mapped[int] = mapped_column(Integer, server_default="30")
    max_extensions: Mapped[int] = mapped_column(Integer, server_default="1")
    # Minor units of `currency`, like every amount in dealreg.
    minimum_deal_amount: Mapped[int] = mapped_column(BigInteger, server_default="0")
    # The discount every registration approved under the program gets, in basis points of its
    # amount; a partner's offer adds to it (engagement/offers.py).
    registration_discount_bp: Mapped[int] = mapped_column(Integer, server_default="0")
    # Validated by the service against `ExtraField` before it is stored.
    extra_fields: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, server_default=text("'[]'::jsonb")
    )
    # Validated by the service against `AutoApproveRule`: a registration matching any is approved
    # at submission.
    auto_approve_rules: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, server_default=text("'[]'::jsonb")
    )
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))


class Product(Entity):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("program_id", "sku"),
        CheckConstraint(
            "(list_price IS NULL) = (list_price_currency IS NULL)"
            " AND list_price >= 0 AND list_price_currency ~ '^[A-Z]{3}$'",
            name="list_price_valid",
        ),
    )

    program_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("programs.id", ondelete="RESTRICT"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    # Per unit, in minor units of its currency (the program's): optional, a catalogue's hint.
    list_price: Mapped[int | None] = mapped_column(BigInteger)
    list_price_currency: Mapped[str | None] = mapped_column(String(3))


class ApiClient(Entity):
    """A machine client of an organization: OAuth2 client credentials, narrowed by scopes."""

    __tablename__ = "api_clients"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    client_id: Mapped[str] = mapped_column(String(64), unique=True)
    # SHA-256 of a 256-bit random secret: a slow password hash buys nothing against a secret
    # that cannot be guessed, and would cost every token request.
    secret_hash: Mapped[str] = mapped_column(String(64))
    role: Mapped[Role] = mapped_column(pg_enum(Role))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(Text))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    # Tokens issued before this are refused: set when the secret is rotated or the client
    # disabled, so neither a leaked token nor re-enabling brings an old one back.
    tokens_valid_after: Mapped[datetime | None]
