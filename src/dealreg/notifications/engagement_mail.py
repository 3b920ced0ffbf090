"""Mail for a new call task: to its owner, or to the vendor's channel team while it sits in the
team's queue (engagement/routing.py). A crossing makes its task once (a unique constraint), and
its mail is written by one job enqueued in that same transaction: one mail per task and
recipient. Nobody is called on for a task closed before the job ran."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.engagement import routing
from dealreg.engagement.events import ThresholdReached
from dealreg.engagement.models import CallTask, CallTaskState
from dealreg.mail import tasks as mail
from dealreg.mail.letters import Mail
from dealreg.mail.service import send_later
from dealreg.orgs.models import Organization
from dealreg.outbox.jobs import enqueue, job


def task_link(site_url: str, task_id: uuid.UUID) -> str:
    return f"{site_url.rstrip('/')}/v1/call-tasks/{task_id}"


async def on_threshold_reached(event: ThresholdReached) -> None:
    """Have the task's mail written once the crossing commits."""
    await enqueue(event.session, mail_call_task, task_id=str(event.task_id))


@job("notifications.call_task")
async def mail_call_task(session: AsyncSession, task_id: str) -> None:
    task = await session.get(CallTask, uuid.UUID(task_id))
    if task is None or task.state is CallTaskState.closed:
        return
    partner = await session.get_one(Organization, task.partner_id)
    setup = mail.outbound()
    subject = f"Call {partner.name}: engagement score {task.score} reached {task.threshold}"
    text = "\n".join(
        [
            f"{partner.name} has engaged with your marketing: its score of {task.score} "
            f"crossed your threshold of {task.threshold}.",
            "",
            "Now is the time to call. Claim the task, call, and log the outcome.",
            "",
            f"Open it: {task_link(setup.site_url, task.id)}",
            "",
        ]
    )
    for address in await routing.recipients(session, task):
        await send_later(session, setup.sealer, Mail(to=address, subject=subject, text=text))
