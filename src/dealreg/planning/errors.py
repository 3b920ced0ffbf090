"""What goes wrong with plans, as problems."""

from dealreg.errors import Conflict, NotFound


class PlanNotFound(NotFound):
    type = "plan-not-found"


class FiscalYearStartLocked(Conflict):
    type, title = "fiscal-year-start-locked", "The fiscal year start cannot move while plans exist"
