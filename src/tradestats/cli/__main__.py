"""`python -m tradestats.cli`: the command line."""

from tradestats.cli import main

main()
