"""The jupyter_server extension: the CodeLab REST API and event streams, the only holder of credentials.

``app.CodeLab`` is the ExtensionApp; ``handlers/`` has one module per resource; ``watcher`` polls
each watched instance once for all its streams; ``account`` chooses and switches the upstream.
"""
