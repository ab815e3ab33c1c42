"""The environment variables the server extension gives the kernels and terminals it starts.

One place for their names: the server writes them (``server/app.py``), the client side
reads them (``client/choose.py``, ``client/send_flow.py``). Nothing secret is named here:
the token is scoped to ``codelab/api/`` routes (contracts.md 2.3).
"""

ENV_API_URL = "CODELAB_API_URL"  # e.g. http://127.0.0.1:8888/base/codelab/api/
ENV_API_TOKEN = "CODELAB_API_TOKEN"  # sent as "Authorization: token <value>"
ENV_CONTENTS_ROOT = "CODELAB_CONTENTS_ROOT"  # the server's contents root: turns a local path into a contents path
