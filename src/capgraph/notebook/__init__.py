"""Stage 7, notebooks: ``%load_ext capgraph`` gives Jupyter the ``%%sparql`` cell magic
and the ``%capgraph status|trace|history`` line magic.

IPython is imported only when the extension is loaded, so ``import capgraph`` stays light.

May import: every stage below the CLI (query, procedure, render, ...) and the shared
modules; never the CLI, which is its sibling.
"""

from capgraph.notebook._magics import CapgraphMagics, Shown, load_ipython_extension

__all__ = ["CapgraphMagics", "Shown", "load_ipython_extension"]
