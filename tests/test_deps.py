"""The dependency reader behind every build cache: what a figure, snippet or notebook imports."""

from pathlib import Path

from tfnotes import _deps

ROOT = Path(__file__).resolve().parents[1]


def test_lazy_names_count_as_imports_of_the_module_that_defines_them():
    assert "tfnotes.kmeans.tf" in _deps.script_closure(ROOT / "snippets" / "kmeans_quickstart.py")
    assert "tfnotes.kmeans.tf" not in _deps.closure("tfnotes.kmeans.reference")


def test_notebook_cache_depends_on_what_its_code_imports_only():
    walkthrough = _deps.notebook_closure(ROOT / "docs" / "kmeans" / "walkthrough.ko.ipynb")
    hello = _deps.notebook_closure(ROOT / "docs" / "rnn" / "hello.ko.ipynb")
    assert "tfnotes.kmeans.tf" in walkthrough and "tfnotes.rnn.numpy_rnn" not in walkthrough
    assert "tfnotes.rnn.numpy_rnn" in hello and "tfnotes.kmeans.tf" not in hello
    assert not any(m.startswith("tfnotes.site") for m in walkthrough + hello)


def test_source_hash_changes_with_the_source(monkeypatch):
    kmeans, rnn = _deps.closure("tfnotes.kmeans.reference"), _deps.closure("tfnotes.rnn.vocab")
    before = _deps.source_hash(kmeans), _deps.source_hash(rnn)
    edited = _deps.module_path("tfnotes.kmeans._common")
    original = _deps.read_source
    monkeypatch.setattr(_deps, "read_source", lambda p: original(p) + (b"#" if p == edited else b""))
    assert _deps.source_hash(kmeans) != before[0]  # the module that imports the edited one
    assert _deps.source_hash(rnn) == before[1]  # a module that does not


# The two set-up sizes: requirements.lock (build and serve) and requirements-test.lock (test-only), each package
# pinned in one of them, every direct dependency of pyproject.toml pinned at the same version in its lock, and
# each lock holding exactly the dependency tree of its size (read from the installed packages' metadata).
VENV_TOOLS = {"pip", "setuptools", "wheel"}  # come with the virtual environment, not pinned


def _pins(lock: str) -> dict[str, str]:
    from packaging.utils import canonicalize_name

    pins = {}
    for line in (ROOT / lock).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"{lock}: {line!r} is not pinned with =="
            assert canonicalize_name(name) not in pins, f"{lock}: {name} pinned twice"
            pins[canonicalize_name(name)] = version
    return pins


def _direct() -> dict[str, list]:
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    return {"serve": [Requirement(r) for r in project["dependencies"] + extras["docs"]],
            "test": [Requirement(r) for r in extras["test"]]}


def _tree(roots) -> set[str]:
    """Every distribution that ``roots`` need on this platform, extras followed, from installed metadata."""
    from importlib import metadata

    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen, todo = set(), [(r.name, extra) for r in roots for extra in ("", *r.extras)]
    while todo:
        name, extra = todo.pop()
        if (canonicalize_name(name), extra) in seen:
            continue
        seen.add((canonicalize_name(name), extra))
        for text in metadata.distribution(name).requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({**default_environment(), "extra": extra}):
                todo.extend((req.name, e) for e in ("", *req.extras))
    return {name for name, _ in seen}


def test_each_package_is_pinned_in_one_lock_at_the_version_pyproject_names():
    serve, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    assert not set(serve) & set(test), f"pinned in both locks: {sorted(set(serve) & set(test))}"
    from packaging.utils import canonicalize_name

    for size, lock in (("serve", serve), ("test", {**serve, **test})):  # a test package the build needs too stays in serve
        for req in _direct()[size]:
            (version,) = [s.version for s in req.specifier if s.operator == "=="]
            assert lock.get(canonicalize_name(req.name)) == version, f"{req} is not pinned so in the {size} lock"


def test_serve_lock_is_exactly_what_building_needs_and_test_lock_adds_the_rest():
    serve, test = _pins("requirements.lock"), _pins("requirements-test.lock")
    serve_tree = _tree(_direct()["serve"]) - VENV_TOOLS
    test_tree = _tree(_direct()["test"]) - VENV_TOOLS
    assert set(serve) == serve_tree, (f"missing from requirements.lock: {sorted(serve_tree - set(serve))}; "
                                      f"not needed to build: {sorted(set(serve) - serve_tree)}")
    assert set(test) == test_tree - serve_tree, (
        f"missing from requirements-test.lock: {sorted(test_tree - serve_tree - set(test))}; "
        f"not needed by the tests, or already in requirements.lock: {sorted(set(test) - (test_tree - serve_tree))}")
    assert {"playwright", "pytest"} <= set(test) and not {"playwright", "pytest"} & set(serve)
