"""Shared fixtures: the repository root, and one strict site build per test session."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
# One BLAS thread per process, as in the site build (tfnotes/site/hooks.py): the workers, the build and the snippet
# subprocesses run side by side, and OpenBLAS's waiting threads spin. Set before NumPy is imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def _shared_dir(config) -> Path:
    """One folder per run that all its xdist workers share (the session's own temporary folder when the run is not
    distributed)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def _start_build(config) -> Path:
    """Start ``mkdocs build --strict`` into the run's shared folder unless a worker already did; it runs in the
    background while the other tests run, and writes its log and exit code next to the site."""
    shared = _shared_dir(config)
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "site.started").exists():
            (shared / "site.started").write_text("")
            with open(shared / "build.log", "w") as log:
                # the wrapper records the exit code when the build ends, for whichever worker asks first
                subprocess.Popen(["/bin/sh", "-c", f'"$@"; echo $? > "{shared}/site.rc"', "build", sys.executable,
                                  "-m", "mkdocs", "build", "--strict", "--site-dir", str(shared / "site")],
                                 cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return shared


def pytest_collection_modifyitems(session, config, items):
    if any("built_site" in getattr(item, "fixturenames", ()) for item in items):
        _start_build(config)  # as early as possible: the build overlaps the tests that do not need it


@pytest.fixture(scope="session")
def built_site(request) -> Path:
    """``mkdocs build --strict`` into a temporary folder, once per run; the site tests all read this build.

    The build starts when the tests are collected, in the background (under pytest-xdist, by the first worker that
    collects a test needing it, into a folder all workers of the run share); this fixture waits for it to end and
    fails with its log if it failed."""
    shared = _start_build(request.config)
    rc_file = shared / "site.rc"
    while not rc_file.exists() or not rc_file.read_text().strip():
        time.sleep(0.2)
    log = (shared / "build.log").read_text()
    assert rc_file.read_text().strip() == "0", f"mkdocs build --strict failed:\n{log[-4000:]}"
    return shared / "site"
