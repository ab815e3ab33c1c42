"""What the kernel side (panel, magics) and the ``jupyter codelab`` CLI both use.

The backends (through the server extension, or straight to ModelArts), the one
action layer with its sentences, input checks, descriptions, errors and the SSE
reader. No IPython, no ipywidgets: the faces in ``kernel/`` and ``cli/`` only show.
"""
