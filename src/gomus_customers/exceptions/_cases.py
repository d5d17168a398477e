"""Errors of access requests."""

from __future__ import annotations

from gomus_customers.exceptions._base import GomusCustomersError

__all__ = [
    "CollectorFailedError",
    "ExtensionNotAllowedError",
    "InvalidTransitionError",
]


class InvalidTransitionError(GomusCustomersError, ValueError):
    """Raised when an access request is asked to take a step its state does not allow.

    ``current`` is the case's state, ``target`` the state the step leads to.
    """

    def __init__(self, reference: str, current: object, target: object) -> None:
        self.reference = reference
        self.current = current
        self.target = target
        super().__init__(
            f"access request {reference} is {current}; it cannot go to {target} from there"
        )


class ExtensionNotAllowedError(GomusCustomersError, ValueError):
    """Raised when an access request's deadline is extended a second time, or too late.

    The one extension by two months must be notified on or before the statutory deadline
    (Art. 12(3) GDPR). ``notified_on`` and ``statutory_deadline`` are the days compared.
    """

    def __init__(
        self, reference: str, reason: str, notified_on: object, statutory_deadline: object
    ) -> None:
        self.reference = reference
        self.reason = reason
        self.notified_on = notified_on
        self.statutory_deadline = statutory_deadline
        super().__init__(f"access request {reference}: {reason}")


class CollectorFailedError(GomusCustomersError, RuntimeError):
    """Raised when an access request is answered while a data collector failed.

    A failed collector is never read as "no data". ``collectors`` are the failed collectors'
    keys; collect again, or answer with ``override_reason`` to record why the answer may go out.
    """

    def __init__(self, reference: str, collectors: tuple[str, ...]) -> None:
        self.reference = reference
        self.collectors = collectors
        super().__init__(
            f"access request {reference}: collectors {', '.join(collectors)} failed; collect "
            "again, or answer with override_reason to record why the answer may go out"
        )


class CopyErasedError(GomusCustomersError, ValueError):
    """Raised when the answer of a case is asked for after the person's data were erased:
    the case file keeps its reference, dates, steps, the requester's name and e-mail and the
    SHA-256 of the copy (Art. 5(2) GDPR), not the copy itself. ``reference`` and
    ``erased_on`` say which case and when.
    """

    def __init__(self, reference: str, erased_on: object) -> None:
        self.reference = reference
        self.erased_on = erased_on
        super().__init__(
            f"the copy of case {reference} was erased on {erased_on} with the person's data "
            "(Art. 17 GDPR); only the case file is kept, as proof of how the request was handled"
        )
