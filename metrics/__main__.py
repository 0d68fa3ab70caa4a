"""python -m metrics: the command line (see metrics/cli.py)."""

import sys

from metrics.cli import main

sys.exit(main())
