"""`python -m argmap`."""

import sys

try:
    from argmap.cli import main
except ModuleNotFoundError as missing:  # run from a source tree whose dependencies were never installed
    sys.stderr.write(
        f"argmap: the module '{missing.name}' that argmap needs is not installed for {sys.executable}.\n"
        "Install argmap with its dependencies first: python -m pip install .\n"
    )
    sys.exit(2)

main()
