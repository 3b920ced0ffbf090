"""Organizations and enrolment: vendors, partners and the platform, their users, partnerships
(a partner enrolled with a vendor at a tier), vendor programs and their product catalogues, and
machine clients (OAuth2 client credentials)."""
