"""Atomic file output: a failed or interrupted run leaves the previous file intact."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from capgraph.errors import OutputError


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A failure raises ``OutputError`` (an ``OSError``) and leaves ``path`` as it was.
    """
    target = Path(path)
    if target.is_symlink():  # write through the link (to its file), not over it
        target = target.resolve()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp_name = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.chmod(tmp_name, _file_mode(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except OSError as error:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
        failure = OutputError(f"{target}: cannot write: {error.strerror or error}")
        failure.errno = error.errno  # callers may still tell EFBIG from ENOSPC
        raise failure from error
    except BaseException:
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
        raise
    return target


def _file_mode(target: Path) -> int:
    """The mode the written file should have: the old file's, else what umask allows.

    ``mkstemp`` creates files readable by the owner only; a report or export must be
    as readable as any file the user writes.
    """
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
