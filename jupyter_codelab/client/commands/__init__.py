"""The one command table of ``jupyter codelab`` and ``%codelab``: ``spec`` (what a subcommand and an
option are, and how a parser takes them in), ``options`` (those several subcommands share), ``table``."""
