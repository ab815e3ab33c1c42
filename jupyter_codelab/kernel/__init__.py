"""The kernel side of jupyter-codelab: the backend both the panel and the CLI use,
the ipywidgets panel, and the ``%codelab`` magics.

Importing this package stays cheap: ipywidgets is only imported with the panel.
"""
