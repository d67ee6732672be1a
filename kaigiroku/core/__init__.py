"""What every stage shares: typed errors (turned into ``path:line:col: message`` in one place),
YAML read with the position of every key, atomic file writes, the build cache, memory and progress.

It imports no other stage; ``redaction`` and every stage of ``kaigiroku`` build on it."""

from .errors import BuildFailure, CommandError, ContentError, ContentErrors, Findings, UsageError

__all__ = ["BuildFailure", "CommandError", "ContentError", "ContentErrors", "Findings", "UsageError"]
