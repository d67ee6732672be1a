"""The detectors of unmarked personal information, one module per kind, and their registry.

``build_detectors(policy)`` returns the detectors the policy's `detectors:`
section enables; what a hit then becomes (withheld under a category, or a
finding for a person to decide) is the policy's `action`, applied in
``redaction.detection.detect``.
"""

from __future__ import annotations

from typing import Callable

from ..detection import Detector
from ..policy import DETECTOR_NAMES, Policy
from .account import AccountDetector
from .address import AddressDetector
from .age import AgeDetector
from .birth_date import BirthDateDetector
from .email import EmailDetector
from .honorific import HonorificNameDetector
from .labelled import LabelledNameDetector, RoleNameDetector
from .my_number import MyNumberDetector
from .phone import PhoneDetector
from .postal import PostalCodeDetector
from .roster import RosterDetector

FACTORIES: dict[str, Callable[[Policy], Detector]] = {
    "phone": lambda policy: PhoneDetector(),
    "email": lambda policy: EmailDetector(),
    "postal_code": lambda policy: PostalCodeDetector(),
    "address": lambda policy: AddressDetector(),
    "my_number": lambda policy: MyNumberDetector(),
    "account": lambda policy: AccountDetector(),
    "birth_date": lambda policy: BirthDateDetector(),
    "age": lambda policy: AgeDetector(),
    "roster": lambda policy: RosterDetector(policy.roster),
    "labelled_name": lambda policy: LabelledNameDetector(),
    "honorific_name": lambda policy: HonorificNameDetector(),
    "role_name": lambda policy: RoleNameDetector(),
}
NAMES = DETECTOR_NAMES


def build_detectors(policy: Policy) -> list[Detector]:
    """Every detector, less those the policy switches off (`enabled: false`)."""
    return [FACTORIES[name](policy) for name in NAMES if policy.detector(name).enabled]
