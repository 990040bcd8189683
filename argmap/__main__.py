"""`python -m argmap`."""

from argmap.cli import main

main()
