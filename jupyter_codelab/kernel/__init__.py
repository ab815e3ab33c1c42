"""The kernel face of jupyter-codelab: the ipywidgets panel and the ``%codelab`` magics.

They share the backends and actions of ``jupyter_codelab.client`` with the CLI.
Importing this package stays cheap: ipywidgets is only imported with the panel.
"""
