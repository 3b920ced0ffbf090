"""What goes wrong with plans, as problems."""

from dealreg.errors import Conflict, NotFound


class PlanNotFound(NotFound):
    type = "plan-not-found"


class FiscalYearStartLocked(Conflict):
    type, title = "fiscal-year-start-locked", "The fiscal year start cannot move while plans exist"


class CapabilityTemplateNotFound(NotFound):
    type = "capability-template-not-found"


class AssessmentNotFound(NotFound):
    type = "capability-assessment-not-found"


class NoCapabilityTemplate(Conflict):
    type, title = "no-capability-template", "The vendor has no capability template yet"
