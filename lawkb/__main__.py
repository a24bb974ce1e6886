"""``python -m lawkb`` runs the `lawkb` command."""

import sys

from lawkb import main

sys.exit(main())
