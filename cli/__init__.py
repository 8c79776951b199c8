"""The ``yakugo`` command line: a thin typer app over ``glossary`` and ``aligner``."""
