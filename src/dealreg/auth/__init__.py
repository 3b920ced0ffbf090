"""Authentication: OAuth2 access tokens as JWTs (RFC 9068 profile), the signing key, scopes, and
the principal a verified token stands for."""
