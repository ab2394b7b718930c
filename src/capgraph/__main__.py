"""``python -m capgraph``."""

from capgraph.cli import main

raise SystemExit(main())
