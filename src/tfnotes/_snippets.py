"""Run several snippets in one process and report what each printed (used by the site build).

``python -m tfnotes._snippets snippets/a.py snippets/b.py`` prints a JSON object {path: stdout}.
One process for all snippets means TensorFlow is imported once per build, not once per snippet.
Each snippet runs as ``__main__`` with a fresh namespace, from the current directory, exactly as
``python snippets/a.py`` would run it; the tests also run every snippet on its own.
"""

from __future__ import annotations

import contextlib
import io
import json
import runpy
import sys
import traceback


def run(paths: list[str]) -> dict[str, str]:
    outputs = {}
    for path in paths:
        buffer = io.StringIO()
        try:
            with contextlib.redirect_stdout(buffer):
                runpy.run_path(path, run_name="__main__")
        except BaseException:  # report which snippet failed, then stop: the build must fail
            sys.stderr.write(f"snippet {path} failed:\n{traceback.format_exc()}")
            raise SystemExit(1) from None
        outputs[path] = buffer.getvalue()
    return outputs


if __name__ == "__main__":
    json.dump(run(sys.argv[1:]), sys.stdout)
