"""``python -m gomus_customers.cli`` runs the command line, like ``python -m gomus_customers``."""

import sys

from gomus_customers.cli import main

sys.exit(main())
