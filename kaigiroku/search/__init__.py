"""The search stage: the rendered pages of a staging folder → the Pagefind index and the bundles the
search page loads (``pagefind/``, ``search/pages.json``). The browser's side of the contract —
the text form of queries and pages — is ``redaction.searchform`` and ``layouts/static/search.js``;
docs/search.md describes both."""

from .chunking import WORK as INDEX_WORK
from .chunking import ChunkWriter
from .index import INDEX, index_site

__all__ = ["INDEX", "INDEX_WORK", "ChunkWriter", "index_site"]
