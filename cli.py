"""Run pyrule's command line from a checkout: `python cli.py query ...`.

The command line itself lives in `pyrule/cli.py` (installed as the `pyrule`
console script); this file only makes it reachable without installing.
"""

from pyrule.cli import main

if __name__ == "__main__":
    main()
