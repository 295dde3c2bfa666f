"""``python -m sahel_utils``: see ``sahel_utils.cli``."""

import sys

from sahel_utils.cli import main

if __name__ == "__main__":
    sys.exit(main())
