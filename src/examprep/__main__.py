"""``python -m examprep``."""

import sys

from examprep.cli import main

sys.exit(main())
