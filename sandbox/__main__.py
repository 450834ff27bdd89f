"""`python -m sandbox serve|generate`: see `sandbox.cli`."""

from sandbox.cli import main

raise SystemExit(main())
