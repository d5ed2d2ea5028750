"""``python -m graph`` runs the ``polgraph`` command."""

from polgraph.cli import main

if __name__ == "__main__":
    main(prog_name="polgraph")
