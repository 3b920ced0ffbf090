"""What follows what: every handler of a domain event, in the order it runs.

Read top to bottom, this is everything that happens in the same transaction because a registration
was submitted or changed (or its approval clock passed a threshold), which the registrations domain itself does not know (it imports none of
these). Handlers of one event run in the order listed here; the order is the one the writes had
when registrations called them itself (clock, then lead, then incentives), so the rows, the events
and the outbox jobs come out as before.

Every entry point calls `install()` before a service runs: the app (create_app), the worker
runtime, the commands, the tests. A bus without it refuses to emit (messagebus.py).
"""

from dealreg.engagement import events as engagement_events
from dealreg.engagement import offers
from dealreg.incentives import service as incentives
from dealreg.leads import outcomes as lead_outcomes
from dealreg.messagebus import BUS, MessageBus
from dealreg.notifications import engagement_mail, sla_mail
from dealreg.registrations import events as registrations
from dealreg.sla import clocks
from dealreg.sla import events as sla_events
from dealreg.sla import service as sla


def install(bus: MessageBus = BUS) -> None:
    """Subscribe every handler (again: installing twice subscribes each once)."""
    bus.clear()

    # Submitting a deal: the registration earns by the plan versions in force now...
    bus.answer(registrations.IncentivePlansInForce, incentives.answer_plans_in_force)
    # ...with the discount of the partner's best offer holding for it (a use taken)...
    bus.answer(registrations.TakeOffers, offers.answer_take_offers)
    # ...and once inserted, each registration's approval clock starts.
    bus.subscribe(registrations.Submitted, clocks.start_submitted)

    # Any change of a registration (a decision, a stage, a close, an expiry, an extension):
    # its approval clock pauses, resumes or stops with its status (first firing what fell due
    # before a question or a withdrawal);
    bus.subscribe(registrations.Changed, sla.follow_change)
    # a lead it was converted from is won or lost with it;
    bus.subscribe(registrations.Changed, lead_outcomes.follow_change)
    # and what its rep earned is settled after commit.
    bus.subscribe(registrations.Changed, incentives.settle_after)

    # A threshold of an approval clock fired: the people who must act are mailed.
    bus.subscribe(sla_events.ThresholdsFired, sla_mail.on_thresholds)

    # A partner's engagement crossed its vendor's threshold: the call task's owner (or the
    # channel team) is mailed.
    bus.subscribe(engagement_events.ThresholdReached, engagement_mail.on_threshold_reached)
