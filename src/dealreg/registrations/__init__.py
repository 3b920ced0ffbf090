"""Deals and registrations: one deal, one registration per vendor on it; conflicts between
partners, the append-only history of every transition, sales stages, expiry and extensions."""
