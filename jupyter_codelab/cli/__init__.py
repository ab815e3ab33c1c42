"""``jupyter codelab ...``: the command line face of jupyter-codelab."""
