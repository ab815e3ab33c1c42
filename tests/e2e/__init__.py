"""Browser and build tests of the JupyterLab sidebar (a package, so its fixtures end with it)."""
