"""`python -m licencecheck` runs the same CLI as the `licencecheck` script."""

from licencecheck.cli import main

if __name__ == "__main__":
    main()
