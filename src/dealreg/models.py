"""Imports every domain's models so that `Base.metadata` knows all tables (Alembic, tests)."""


def load_all_models() -> None:
    import dealreg.auth.link_models
    import dealreg.events.models
    import dealreg.idempotency.models
    import dealreg.incentives.models
    import dealreg.leads.models
    import dealreg.mail.models
    import dealreg.orgs.models
    import dealreg.outbox.models
    import dealreg.registrations.models
    import dealreg.sla.models
    import dealreg.webhooks.models  # noqa: F401
