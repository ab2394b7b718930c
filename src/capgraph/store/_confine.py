"""Forbid network sockets to a thread and its children: a seccomp filter, through ctypes.

pyoxigraph evaluates ``SERVICE <http://...>`` by opening a connection, and has
no switch to turn federation off. The text guard in ``capgraph.query._lex``
refuses such queries, but a guard that re-reads another parser's input can be
talked past. This is the line that cannot: once ``confine()`` has run, the
kernel answers ``socket()`` for any family but ``AF_UNIX`` (and
``io_uring_setup``, which could open sockets behind its back) with ``EPERM``.
It covers Rust and C code as well as Python. DNS look-ups fail too (they need
a UDP socket).

The filter applies to the calling thread and to every thread and process it
starts afterwards (``PR_SET_NO_NEW_PRIVS`` first, as the kernel requires of an
unprivileged process). ``confine()`` then checks that the kernel reports the thread
as filtered (without opening a socket: a sandbox around capgraph may kill for
that), and raises ``ConfinementError`` with the reason if the kernel refused.

``offline(call)`` runs ``call`` in one of a few long-lived threads of this process
that have confined themselves, so embedded runs of a project's queries cannot reach the
network either while the rest of the process (a test runner, a notebook)
keeps its sockets. Where confinement is not possible it runs ``call`` directly,
and the text check (``capgraph.query._lex.refuse_service``) is the only line.

This module imports nothing from capgraph, so the query worker
(``capgraph.server._worker``), which runs as a script, can load it by path.
"""

from __future__ import annotations

import ctypes
import errno
import os
import platform
import queue
import socket
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["ConfinementError", "confine", "default_workers", "offline"]

_T = TypeVar("_T")

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_SECCOMP_RET_ALLOW = 0x7FFF0000
_SECCOMP_RET_ERRNO = 0x00050000
_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JGE_K = 0x35
_BPF_RET_K = 0x06
_X32_SYSCALL_BIT = 0x40000000
#: machine → (AUDIT_ARCH_*, __NR_socket, __NR_io_uring_setup)
_ARCHES = {"x86_64": (0xC000003E, 41, 425), "aarch64": (0xC00000B7, 198, 425)}


class ConfinementError(OSError):
    """The kernel would not forbid sockets to this process (no seccomp, another CPU)."""


class _Filter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_ushort),
        ("jt", ctypes.c_ubyte),
        ("jf", ctypes.c_ubyte),
        ("k", ctypes.c_uint),
    ]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def _program(arch: int, nr_socket: int, nr_io_uring: int) -> list[tuple[int, int, int, int]]:
    deny = _SECCOMP_RET_ERRNO | errno.EPERM
    # Jumps count the instructions skipped. ALLOW is at index 9, DENY at 10.
    return [
        (_BPF_LD_W_ABS, 0, 0, 4),  # 0: seccomp_data.arch
        (_BPF_JEQ_K, 0, 8, arch),  # 1: another ABI (32-bit calls): deny everything
        (_BPF_LD_W_ABS, 0, 0, 0),  # 2: seccomp_data.nr
        (_BPF_JGE_K, 6, 0, _X32_SYSCALL_BIT),  # 3: the x32 ABI: deny
        (_BPF_JEQ_K, 5, 0, nr_io_uring),  # 4: io_uring_setup: deny
        (_BPF_JEQ_K, 0, 3, nr_socket),  # 5: not socket(): allow
        (_BPF_LD_W_ABS, 0, 0, 16),  # 6: args[0], low 32 bits: the address family
        (_BPF_JEQ_K, 1, 0, socket.AF_UNIX),  # 7: AF_UNIX: allow
        (_BPF_RET_K, 0, 0, deny),  # 8
        (_BPF_RET_K, 0, 0, _SECCOMP_RET_ALLOW),  # 9
        (_BPF_RET_K, 0, 0, deny),  # 10
    ]


def confine() -> None:
    """Forbid network sockets to this thread and all it starts; prove it, or raise."""
    machine = platform.machine()
    if sys.platform != "linux" or machine not in _ARCHES:
        raise ConfinementError(
            f"no socket confinement on {sys.platform}/{machine} (needs Linux on x86-64 or aarch64)"
        )
    program = _program(*_ARCHES[machine])
    filters = (_Filter * len(program))(*[_Filter(*item) for item in program])
    prog = _Program(len(program), filters)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise ConfinementError(f"prctl(PR_SET_NO_NEW_PRIVS) failed: {_strerror()}")
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        raise ConfinementError(f"the kernel refused a seccomp filter: {_strerror()}")
    # Proof without opening a socket (a sandbox around us may kill for that): the
    # kernel reports this thread's seccomp mode as 2, filtered.
    try:
        with open("/proc/thread-self/status", encoding="ascii") as handle:
            status = handle.read()
    except OSError:
        return
    if "Seccomp:\t2" not in status:
        raise ConfinementError("a seccomp filter was installed but the kernel does not report it")


def _strerror() -> str:
    code = ctypes.get_errno()
    return f"{errno.errorcode.get(code, code)}"


class _OfflineThreads:
    """Confined threads that run the calls handed to them, each call on one thread.

    There are :func:`default_workers` of them, so that queries
    handed over from several threads at once (validation runs its queries side by side)
    are answered side by side: pyoxigraph lets go of the interpreter while it evaluates.
    """

    def __init__(self, workers: int) -> None:
        self._calls: queue.Queue[tuple[Callable[[], Any], queue.Queue[Any]]] = queue.Queue()
        started: queue.Queue[bool] = queue.Queue()
        for number in range(workers):
            threading.Thread(
                target=self._serve, args=(started,), name=f"{_NAME}-{number}", daemon=True
            ).start()
        self.confined = all([started.get() for _ in range(workers)])

    def _serve(self, started: queue.Queue[bool]) -> None:
        try:
            confine()
        except Exception:  # not possible here (or an audit hook objected): run unconfined
            started.put(False)
            return
        started.put(True)
        while True:
            call, reply = self._calls.get()
            try:
                reply.put((True, call()))
            except BaseException as error:  # handed back to the caller, who raises it
                # Drop this thread's frames first: pyoxigraph objects in them must be
                # freed on the thread that made them.
                traceback.clear_frames(error.__traceback__)
                reply.put((False, error.with_traceback(None)))
            del call

    def run(self, call: Callable[[], _T]) -> _T:
        reply: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=1)
        self._calls.put((call, reply))
        ok, value = reply.get()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]


_NAME = "capgraph-offline"
#: the most confined threads (each holds little; the store is shared)
_WORKERS = 4


def default_workers() -> int:
    """The CPUs, up to 4: the confined threads, and the queries validation runs side by side."""
    return max(1, min(_WORKERS, os.cpu_count() or 1))


_offline: _OfflineThreads | None = None
_offline_lock = threading.Lock()


def offline(call: Callable[[], _T]) -> _T:
    """``call()``, run where no network socket can be opened (if this system allows it)."""
    global _offline
    with _offline_lock:
        if _offline is None:
            _offline = _OfflineThreads(default_workers())
        runner = _offline
    if not runner.confined or threading.current_thread().name.startswith(_NAME):
        return call()
    return runner.run(call)
