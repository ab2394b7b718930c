"""Run capgraph with sockets forbidden, to prove that loading never touches the network.

Run as ``python offline_child.py MODE [PROJECT ...]``. Before doing anything
else the process forbids itself every socket that is not a local (AF_UNIX) one:

- on Linux (x86-64, aarch64) with a seccomp filter: the ``socket()`` system call
  for any other address family kills the process with SIGSYS. This catches Rust
  and C code (pyoxigraph, libraries) as well as Python;
- everywhere, with an audit hook (PEP 578): creating, connecting or resolving a
  socket from Python, or building a ``urllib`` request, raises and is recorded.

MODE ``self-test-seccomp`` opens an AF_INET socket through libc (the caller
expects SIGSYS); ``self-test-audit`` opens one through Python's ``socket`` (the
caller expects the audit error). MODE ``load`` opens each PROJECT (``-`` is the
bundled record) and exports it, validates the ones that are not the bundled
record (pySHACL is slow on it), and prints one JSON line per project:
``{"project": ..., "outcome": "ok" | "<error class>: <message>"}``.
"""

from __future__ import annotations

import ctypes
import json
import platform
import socket
import sys
from typing import Any

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_KILL_PROCESS = 0x80000000
_SECCOMP_RET_ALLOW = 0x7FFF0000
_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_RET_K = 0x06
#: machine → (AUDIT_ARCH_*, __NR_socket)
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_AF_UNIX = 1

_AUDITED = ("socket.", "urllib.Request", "http.client.connect")
seen_events: list[str] = []


class _Filter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def install_seccomp() -> bool:
    """Kill this process on ``socket(family != AF_UNIX)``; False if not possible here."""
    if sys.platform != "linux" or platform.machine() not in _ARCHES:
        return False
    arch, nr_socket = _ARCHES[platform.machine()]
    program = [
        (_BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_BPF_JEQ_K, 0, 5, arch),  # another ABI: allow (jump to ALLOW)
        (_BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (_BPF_JEQ_K, 0, 3, nr_socket),
        (_BPF_LD_W_ABS, 0, 0, 16),  # args[0], low 32 bits: the address family
        (_BPF_JEQ_K, 1, 0, _AF_UNIX),
        (_BPF_RET_K, 0, 0, _SECCOMP_RET_KILL_PROCESS),
        (_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW),
    ]
    filters = (_Filter * len(program))(*[_Filter(*item) for item in program])
    prog = _Program(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return bool(libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event.startswith(_AUDITED):
        seen_events.append(event)
        sys.stderr.write(f"offline_child: network event {event} {args!r:.200}\n")
        raise RuntimeError(f"network use while offline: {event}")


def main(argv: list[str]) -> int:
    seccomp = install_seccomp()
    sys.addaudithook(_audit)
    print(json.dumps({"seccomp": seccomp}), flush=True)
    mode, projects = argv[0], argv[1:]
    if mode == "self-test-seccomp":
        fd = ctypes.CDLL(None).socket(socket.AF_INET, socket.SOCK_STREAM, 0)
        print(json.dumps({"socket": fd}), flush=True)  # reached only without seccomp
        return 0
    if mode == "self-test-audit":
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        return 0
    import capgraph
    from capgraph.errors import CapgraphError
    from capgraph.store import export
    from capgraph.validation import validate

    for project in projects:
        try:
            kg = capgraph.open(None if project == "-" else project)
            export(kg, fmt="trig")
            if project != "-":
                validate(kg)
            outcome = "ok"
        except CapgraphError as error:
            outcome = f"{type(error).__name__}: {error}"
        print(json.dumps({"project": project, "outcome": outcome}), flush=True)
    return 1 if seen_events else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
