"""``python -m jupyter_codelab.cli ...``: the same as ``jupyter codelab ...``."""

import sys

from jupyter_codelab.cli.main import main

sys.exit(main())
