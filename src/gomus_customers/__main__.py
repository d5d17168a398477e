"""``python -m gomus_customers`` runs the command line."""

import sys

from gomus_customers.cli import main

sys.exit(main())
