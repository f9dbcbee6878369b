"""`python -m pyrule` runs the command line."""

from .cli import main

main()
