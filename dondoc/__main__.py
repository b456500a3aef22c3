"""`python -m dondoc …`: the `dondoc` command without the installed script."""

import sys

from dondoc.cli import main

sys.exit(main())
