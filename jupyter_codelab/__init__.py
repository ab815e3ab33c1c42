"""jupyter-codelab: open a Huawei Cloud ModelArts CodeLab instance from Jupyter.

This module holds only the Jupyter entry points; the work lives in the subpackages.
"""

from ._version import __version__

__all__ = ["__version__"]


def _jupyter_server_extension_points():
    from .server.app import CodeLab

    return [{"module": "jupyter_codelab", "app": CodeLab}]


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyter-codelab"}]


def load_ipython_extension(ipython):
    from .kernel.magics import register

    register(ipython)
