"""``python -m wyoutcomes`` runs the command line."""

from wyoutcomes.cli import main

main()
