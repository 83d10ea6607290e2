"""One exception family: every error a user can fix is a KgError with a one-line message."""


class KgError(Exception):
    """Base of every error kg reports to the user as `Error: <message>`."""


class ModelNotFound(KgError):
    """The spaCy pipeline asked for is not installed."""


class InputError(KgError):
    """An input path or record cannot be read."""


class StoreError(KgError):
    """The output folder or its store cannot be opened or written."""


class QueryError(KgError):
    """A SPARQL query is malformed or cannot be evaluated."""


class SkippedInputs(InputError):
    """A build stopped because inputs were skipped (`--strict`) or nothing was left to build.

    `skips` lists each skipped input and why, for the caller to show.
    """

    def __init__(self, message: str, skips: tuple = ()) -> None:
        super().__init__(message)
        self.skips = skips


class ServeError(KgError):
    """The SPARQL endpoint cannot be started."""


class ClusterError(KgError):
    """The Dask cluster cannot be reached or fails a task."""
