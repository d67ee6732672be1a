"""The publish stage: a checked staging folder → the output folder, swapped in with one atomic
rename (``staging``), and the record of the last build that lets a rebuild with nothing changed
stop early (``builds``)."""

from .builds import Built, inputs_digest, pages_digest, remember, up_to_date, withdrawn
from .swap import check_target, publish, staging

__all__ = ["Built", "check_target", "inputs_digest", "pages_digest", "publish", "remember", "staging", "up_to_date",
           "withdrawn"]
