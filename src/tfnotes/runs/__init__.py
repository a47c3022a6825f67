"""The experiments the pages report, computed once per build and shared by figures and values.

Each function here is :func:`tfnotes._memo.memo`-cached on disk, keyed on the source of its module and of every
project module it imports, so a figure and a sentence that quote the same run use one computation, in both
languages, and a warm build recomputes nothing. Nothing here imports matplotlib, the figure string table or MkDocs.
"""
