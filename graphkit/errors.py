"""One error tree: everything graphkit raises on purpose derives from GraphkitError.

The CLI turns a GraphkitError into one clear line on stderr (no traceback unless --debug).
"""

from __future__ import annotations


class GraphkitError(Exception):
    """Base of every error graphkit raises on purpose."""

    exit_code = 1


class InputError(GraphkitError):
    """A file cannot be read as a notice: empty, binary, undecodable, not a notice, too large."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # picklable across worker processes
        return (type(self), (self.path, self.reason))


class NotANoticeError(InputError):
    """The text reads fine but is not a rectification notice."""


class RecordError(GraphkitError):
    """A notice record violates the contract (shared/spec/notice-record.md)."""

    def __init__(self, where: str, field: str, reason: str) -> None:
        super().__init__(f"{where}: field {field!r}: {reason}")
        self.where = where
        self.field = field
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        return (type(self), (self.where, self.field, self.reason))


class StoreError(GraphkitError):
    """The store cannot be opened or written."""

    exit_code = 2


class StoreUnavailable(StoreError):
    """A server store (Neo4j) cannot be reached."""


class StoreUriError(StoreError):
    """The Neo4j URI (--neo4j-uri, GRAPHKIT_NEO4J_URI) is not a Bolt URI: its scheme must be bolt or
    neo4j (with +s or +ssc for TLS). Exit code 2."""


class StoreAuthError(StoreUnavailable):
    """Neo4j refused the user and password, or refuses every login for a while after too many
    wrong passwords in a row (its authentication rate limit). Exit code 2."""


class ConcurrentLoadError(StoreError):
    """Another load wrote the same notices into the store at the same time and this batch lost the
    race (a uniqueness constraint was hit); the batch was rolled back: run the command again.
    Exit code 2."""


class QueryError(GraphkitError):
    """A template or ad-hoc query is unknown, malformed, refused or timed out."""

    exit_code = 2


class Neo4jServerError(GraphkitError):
    """The local Neo4j server cannot be assembled, started or stopped."""

    exit_code = 2


class OutputError(GraphkitError):
    """An output file cannot or may not be written: a folder, a missing folder, the store's own files."""

    exit_code = 2
