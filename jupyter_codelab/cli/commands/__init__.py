"""The subcommands of ``jupyter codelab``: ``run_<name>(args, out) -> exit code``, one small module each.

Their names, options and help are declared in ``client.commands.table``; ``cli.main`` renders them.
"""
