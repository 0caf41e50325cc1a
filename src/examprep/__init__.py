"""examprep: timed certification practice exams in the terminal."""

__version__ = "0.1.0"
