"""`python -m videoagent …` runs the command line."""

from videoagent.cli.main import main

main()
