"""The publish stage: a checked staging folder → the output folder, swapped in with one atomic
rename (``staging``), its manifest (``manifest``) and the record of the last build that lets a
rebuild with nothing changed stop early (``builds``); and ``python build.py publish``, the verified
build → the city's web server (``deploy``, over ``target``, in the order of ``plan``), with its
receipt (``receipt``)."""

from .builds import Built, inputs, inputs_digest, pages_digest, remember, up_to_date, withdrawn
from .deploy import Request, check_built_from, publish_site
from .manifest import newest_input, read_site_manifest, write_manifest
from .receipt import listing, read_receipts
from .swap import check_apart, check_target, publish, staging
from .target import Target

__all__ = ["Built", "Request", "Target", "check_apart", "check_built_from", "check_target", "inputs", "inputs_digest",
           "listing", "newest_input", "pages_digest", "publish", "publish_site", "read_receipts", "read_site_manifest",
           "remember", "staging", "up_to_date", "withdrawn", "write_manifest"]
