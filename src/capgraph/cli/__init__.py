"""Stage 7, the command line: parse arguments, call the library, render, exit.

May import: every stage. Each command module registers one subcommand.
"""

from capgraph.cli._main import COMMANDS, build_parser, main

__all__ = ["COMMANDS", "build_parser", "main"]
