"""Segmentation, term recognition, alignment, lint and QA over the yakugo glossary."""

from aligner.recognize import Recognizer, TermMatch

__all__ = ["Recognizer", "TermMatch"]
