"""OLD and NEW as folders: a folder is used as it is; a git revision is archived into one.

Nothing is fetched: ``git archive`` reads the local object database only.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from capgraph.errors import InputError, one_line


@contextmanager
def materialise(spec: str, *, project: str | Path | None = None) -> Iterator[Path]:
    """The records project that ``spec`` names, as a folder, for the time of the block.

    ``spec`` is a folder (the project itself) or a git revision of the repository that
    holds ``project`` (default: the current folder); ``project`` also names the records
    project inside that repository (default: the repository's root).
    """
    folder = Path(spec)
    if folder.is_dir():
        yield folder
        return
    where = Path(project) if project is not None else Path.cwd()
    if not where.is_dir():
        raise InputError(f"{where}: --project is not a folder")
    root = Path(
        _git(where, "rev-parse", "--show-toplevel", what=f"{where}: not in a git repository")
    )
    inside = where.resolve().relative_to(root.resolve()).as_posix()
    commit = _git(
        root,
        "rev-parse",
        "--verify",
        "--quiet",
        f"{spec}^{{commit}}",
        what=f"{spec}: neither a folder nor a revision of the git repository {root}",
    )
    archive = _git_bytes(
        root, "archive", "--format=tar", commit, "--", inside if inside != "." else "."
    )
    with tempfile.TemporaryDirectory(prefix="capgraph-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        target = Path(tmp) / inside
        if not target.is_dir():
            raise InputError(f"{spec}: the revision has no folder {inside}")
        yield target


def _git(cwd: Path, *args: str, what: str) -> str:
    return _git_bytes(cwd, *args, what=what).decode("utf-8").strip()


def _git_bytes(cwd: Path, *args: str, what: str | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed; give OLD and NEW as folders") from None
    if done.returncode != 0:
        detail = one_line(done.stderr.decode("utf-8", "replace").strip())
        raise InputError(what or f"git {args[0]} failed: {detail}")
    return done.stdout
