"""Shared fixtures: the repository root, and one strict site build per test session."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """``mkdocs build --strict`` into a temporary folder, once per run; the site tests all read this build.

    Under pytest-xdist every worker is a session of its own: the first worker that needs the site builds it into a
    folder all workers of the run share, under a file lock, and the others wait for it and read the same build
    (and its outcome: a failed build fails every worker's site tests with the same log)."""
    if worker_id == "master":  # not distributed
        return _build(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, shared by its workers
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "site.done").exists():
            try:
                _build(shared / "site")
            finally:
                (shared / "site.done").write_text("")
    log = (shared / "build.log").read_text()
    assert (shared / "site.ok").exists(), f"mkdocs build --strict failed:\n{log[-4000:]}"
    return shared / "site"


def _build(site: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    log = proc.stdout + proc.stderr
    (site.parent / "build.log").write_text(log)
    assert proc.returncode == 0, f"mkdocs build --strict failed:\n{log[-4000:]}"
    (site.parent / "site.ok").write_text("")
    return site


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """pytest-xdist's worker name ("gw0", ...), or "master" when the run is not distributed."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"
