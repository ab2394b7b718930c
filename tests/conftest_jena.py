"""Apache Jena's TDB2 command-line tools from Debian's ``libapache-jena-java``, for tests.

``jena_classpath()`` is the package's jars and those of the packages it depends on.
Debian's build moves Jena's copy of Xerces to the package ``xerces`` but leaves its
message files under ``org/apache/jena/ext/xerces``, so every Jena command fails at start
("Couldn't load messages: Can't find bundle for base name xerces.impl.xpath.regex.message");
the classpath therefore also holds a folder with those files copied to where the moved
classes look for them.

``tdb2_load(nquads, location)`` runs ``tdb2.tdbloader``; ``tdb2_query(location, text)``
runs ``tdb2.tdbquery`` over the union of the named graphs and returns its SPARQL JSON.
Tests that need Jena are skipped with a reason when the package is not installed;
``.ci/run`` installs it.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest

JARS = Path("/usr/share/java")
PACKAGE = "libapache-jena-java"
_LOGGING = ("log4j", "logback", "jcl-over", "slf4j-")  # SLF4J bindings; slf4j-api is kept


def jena_missing() -> str | None:
    """Why Jena cannot run here, or ``None``."""
    if shutil.which("java") is None:
        return "no Java runtime (Debian: apt-get install default-jre-headless)"
    if not (JARS / "jena-cmds.jar").is_file():
        return f"Apache Jena is not installed (Debian: apt-get install {PACKAGE})"
    return None


def _package_jars(package: str) -> list[Path]:
    listed = subprocess.run(
        ["dpkg", "-L", package], capture_output=True, text=True, check=False
    ).stdout.split()
    return [
        Path(p)
        for p in listed
        if p.startswith(str(JARS) + "/") and p.endswith(".jar") and p.count("/") == 4
    ]


@functools.cache
def jena_classpath() -> str:
    depends = subprocess.run(
        ["dpkg-query", "-W", "-f=${Depends}", PACKAGE], capture_output=True, text=True, check=True
    ).stdout
    packages = [PACKAGE] + [item.split()[0] for item in depends.split(",") if item.strip()]
    packages.append("libhttpcore-java")  # httpclient's own dependency
    jars = sorted(
        {
            jar
            for package in packages
            for jar in _package_jars(package)
            if jar.name == "slf4j-api.jar"
            or (not any(word in jar.name for word in _LOGGING) and "-1." not in jar.name)
        }
    )
    return ":".join([*map(str, jars), str(_xerces_messages())])


@functools.cache
def _xerces_messages() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="capgraph-jena-messages-"))
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(JARS / "jena-core.jar") as jar:
        for name in jar.namelist():
            if name.startswith(prefix) and name.endswith(".properties"):
                target = folder / "xerces" / name[len(prefix) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


def _java(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    reason = jena_missing()
    if reason is not None:
        pytest.skip(reason)
    done = subprocess.run(
        [
            "java",
            "-Xmx1g",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-cp",
            jena_classpath(),
            *args,
        ],
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"{args[0]} failed: {done.stderr.decode(errors='replace')[-2000:]}")
    return done


def tdb2_load(nquads: Path, location: Path) -> None:
    """Load an N-Quads file into a new TDB2 database at ``location``."""
    _java("tdb2.tdbloader", "--loc", str(location), str(nquads))


def tdb2_query(location: Path, query: str) -> bytes:
    """SPARQL JSON results of ``query`` over the union of the named graphs."""
    with tempfile.NamedTemporaryFile("w", suffix=".rq", encoding="utf-8", delete=False) as file:
        file.write(query)
    try:
        done = _java(
            "tdb2.tdbquery", "--loc", str(location), "--set", "tdb:unionDefaultGraph=true",
            "--results=json", "--query", file.name,
        )  # fmt: skip
    finally:
        Path(file.name).unlink()
    return done.stdout
