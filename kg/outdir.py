"""Output folders kg owns: a marker kg writes when it makes one, and one writer at a time.

A folder is kg's only when it holds the marker (or a kg manifest, from before markers); any
other non-empty folder is refused, so kg never overwrites or deletes a user's files. Writers
(`build`, `add`, `remove`) hold an exclusive `flock` on the folder's lock file; a second writer
waits for it (up to a timeout) or fails with one line naming the process that holds it.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError
from .files import is_cache_key

log = logging.getLogger(__name__)

OUTPUT_MARKER = ".kg-output"
LOCK_FILE = ".kg-lock"
DEFAULT_WAIT = 600.0
_MARKER_TEXT = "This folder was made by kg (https://w3id.org/kg-news); kg rewrites the files it wrote here.\n"


def is_kg_folder(folder: Path) -> bool:
    """True when `folder` holds kg's marker, or a readable kg manifest (folders built before markers)."""
    if (folder / OUTPUT_MARKER).is_file():
        return True
    from .store import read_manifest

    try:
        read_manifest(folder)
    except StoreError:
        return False
    return True


def claim(out: str | Path) -> Path:
    """The output folder `out`, made (with its marker) if missing or empty; a StoreError if it
    holds anything kg did not write, or cannot be written."""
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise StoreError(f"--out {folder} is a file, not a folder; give a new or empty folder.")
        # kg's own marker and lock file do not make a folder the user's; the listing comes first
        # and the marker check second, because a concurrent kg writes its marker before anything
        # else: a folder seen holding other files then already holds the marker.
        others = [p for p in folder.iterdir() if p.name not in (OUTPUT_MARKER, LOCK_FILE)]
        if others and not is_kg_folder(folder):
            raise StoreError(f"{folder} is not a kg output folder (it holds files kg did not write "
                             f"and no {OUTPUT_MARKER} marker); give a new or empty folder with --out.")
        if not (folder / OUTPUT_MARKER).is_file():
            (folder / OUTPUT_MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
    except OSError as exc:
        raise StoreError(f"cannot write the output folder {folder}: {exc.strerror or exc}.") from exc
    return folder


def require(out: str | Path) -> Path:
    """An existing kg output folder (for `add`, `remove`), or a StoreError saying how to make one."""
    folder = Path(out)
    if not folder.is_dir() or not is_kg_folder(folder):
        raise StoreError(f"{folder} holds no kg manifest; run `kg build PATH --out {folder}` first.")
    return folder


@contextmanager
def writer_lock(folder: Path, wait: float = DEFAULT_WAIT) -> Iterator[None]:
    """Hold the folder's exclusive writer lock; wait up to `wait` seconds for another writer."""
    path = folder / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise StoreError(f"cannot write the output folder {folder}: {exc.strerror or exc}.") from exc
    try:
        _acquire(fd, folder, wait)
        mine = f"{os.getpid()}\n".encode()
        if os.pread(fd, 64, 0) != mine:
            os.ftruncate(fd, 0)
            os.pwrite(fd, mine, 0)
        yield
    finally:
        os.close(fd)  # closing releases the flock; the file stays (deleting it would race)


def _acquire(fd: int, folder: Path, wait: float) -> None:
    deadline = time.monotonic() + max(0.0, wait)
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise StoreError(f"cannot lock the output folder {folder}: {exc.strerror}.") from exc
        holder = _holder(fd)
        if time.monotonic() >= deadline:
            raise StoreError(f"{folder} is being written by another kg process ({holder}); "
                             f"try again when it has finished, or wait longer with --wait SECONDS.")
        if not told:
            log.warning("%s is being written by another kg process (%s); waiting up to %.0f s",
                        folder, holder, wait)
            told = True
        time.sleep(0.1)


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"




def _journal(folder: Path, operation: str) -> Path:
    return folder / f".kg-{operation}.json"


def read_journal(folder: Path, operation: str) -> dict[str, str]:
    """Document id → cache key of an `operation` an interrupted run left unfinished (else {})."""
    path = _journal(folder, operation)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable journal %s: %s", path, exc)
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and is_cache_key(v)}


def write_journal(folder: Path, operation: str, entries: dict[str, str]) -> None:
    from .files import write_atomic

    text = json.dumps(entries, ensure_ascii=False, sort_keys=True)
    try:
        write_atomic(_journal(folder, operation), lambda p: p.write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise StoreError(f"cannot write the output folder {folder}: {exc.strerror or exc}.") from exc


def clear_journal(folder: Path, operation: str) -> None:
    _journal(folder, operation).unlink(missing_ok=True)
