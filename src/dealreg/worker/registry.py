"""Every job of every domain, for the runtime to declare: importing a domain's tasks registers
its jobs (outbox/jobs.py). Here, at the top, so that no domain imports another to find them."""

from dealreg.outbox.jobs import REGISTRY, Job


def load_all_jobs() -> dict[str, Job]:
    """Import every domain's jobs so that the registry knows them all."""
    import dealreg.auth.resets
    import dealreg.auth.tasks
    import dealreg.events.tasks
    import dealreg.idempotency.tasks
    import dealreg.incentives.payouts
    import dealreg.incentives.service
    import dealreg.leads.tasks
    import dealreg.mail.tasks
    import dealreg.notifications.engagement_mail
    import dealreg.notifications.sla_digest
    import dealreg.notifications.sla_mail
    import dealreg.registrations.tasks
    import dealreg.sla.tasks
    import dealreg.webhooks.tasks
    import dealreg.worker.tasks  # noqa: F401

    return REGISTRY
