"""Notebooks run ahead of the page build: twins share one execution, and what a cell prints is one block."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from tfnotes.site.notebook_runner import code_cells, merge_streams

ROOT = Path(__file__).resolve().parents[2]


def test_consecutive_prints_of_a_cell_become_one_block_and_nothing_else_moves():
    cell = nbformat.v4.new_code_cell("print(1); print(2)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a\n"),
                    nbformat.v4.new_output("stream", name="stdout", text="b\n"),
                    nbformat.v4.new_output("stream", name="stderr", text="w\n"),
                    nbformat.v4.new_output("display_data", data={"text/plain": "plot"}),
                    nbformat.v4.new_output("stream", name="stdout", text="c\n")]
    nb = nbformat.v4.new_notebook(cells=[cell])
    merge_streams(nb)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in nb.cells[0].outputs] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "w\n"), ("display_data", None, None),
        ("stream", "stdout", "c\n")]


def test_every_notebook_has_a_twin_with_the_same_code_so_one_run_serves_both():
    notebooks = sorted((ROOT / "docs").rglob("*.en.ipynb"))
    assert notebooks
    for en in notebooks:
        ko = en.with_name(en.name.replace(".en.", ".ko."))
        en_code, ko_code = (code_cells(json.loads(p.read_text(encoding="utf-8"))) for p in (en, ko))
        assert en_code and en_code == ko_code, en.name
