from dealreg.errors import Conflict, InvalidInput, NotFound


class OrganizationNotFound(NotFound):
    type = "organization-not-found"


class UserNotFound(NotFound):
    type = "user-not-found"


class ProgramNotFound(NotFound):
    type = "program-not-found"


class PartnershipNotFound(NotFound):
    type = "partnership-not-found"


class ApiClientNotFound(NotFound):
    type = "api-client-not-found"


class CannotDisableYourself(Conflict):
    type = "cannot-disable-yourself"


class DuplicateOrganization(Conflict):
    type = "duplicate-organization"


class DuplicateUser(Conflict):
    type = "duplicate-user"


class DuplicatePartnership(Conflict):
    type = "duplicate-partnership"


class DuplicateProgram(Conflict):
    type = "duplicate-program"


class DuplicateProduct(Conflict):
    type = "duplicate-product"


class InvalidOrganization(InvalidInput):
    """A field is well-typed but breaks a rule (unknown time zone, role that does not fit…)."""
