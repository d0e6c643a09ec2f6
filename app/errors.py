"""Domain errors: raised by services, turned into HTTP answers by the API and the pages."""


class ServiceError(Exception):
    """Base class: an operation refused, with a machine code and a human message."""

    status = 400
    code = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        fields: dict | None = None,
        current: dict | None = None,
        code: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        self.current = current
        if code:
            self.code = code

    def to_json(self) -> dict:
        """Return the error envelope of the API contract."""
        body: dict = {"error": {"code": self.code, "message": self.message, "fields": self.fields}}
        if self.current is not None:
            body["current"] = self.current
        return body


class ValidationFailed(ServiceError):
    status = 422
    code = "validation_failed"


class Unauthorized(ServiceError):
    status = 401
    code = "unauthorized"


class Forbidden(ServiceError):
    status = 403
    code = "forbidden"


class NotFound(ServiceError):
    status = 404
    code = "not_found"


class Conflict(ServiceError):
    """A stale edit: the entity changed since the version the client started from."""

    status = 409
    code = "stale_version"


class Gone(ServiceError):
    status = 410
    code = "gone"
