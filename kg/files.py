"""Atomic file writes: every output is written beside its target and renamed over it.

A write the system refuses (full disk, read-only folder, file size limit) is a StoreError naming
the file, so the user sees one line; the half-written temporary is deleted and the old file kept.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside `target`; rename it over `target` only if the block succeeds."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise _refused(target, exc) from exc
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _refused(target, exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _refused(target: Path, exc: OSError) -> StoreError:
    return StoreError(f"cannot write {target}: {exc.strerror or exc}.")


def write_atomic(target: Path, write: Callable[[Path], None]) -> Path:
    """Call `write` on a temporary path beside `target`, then rename it over `target`."""
    with atomic_path(target) as tmp:
        write(tmp)
    return target


_KEY = re.compile(r"[0-9a-f]{64}")


def is_cache_key(key: object) -> bool:
    """True for a well-formed extraction cache key (a SHA-256 hex digest): the only kind of
    name kg ever turns into a path, so a hostile manifest cannot point kg outside the folder."""
    return isinstance(key, str) and _KEY.fullmatch(key) is not None
