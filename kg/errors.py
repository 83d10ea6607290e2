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


class ValidationError(KgError):
    """The written graph does not conform to kg's files or shapes."""


class ClusterError(KgError):
    """The Dask cluster cannot be reached or fails a task."""
