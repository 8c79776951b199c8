"""The yakugo glossary model: load, validate, save and query ``terms.tsv``."""

from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Concept, Form, Glossary
from yakugo.glossary.tsv import bundled_glossary_path, load_glossary, save_glossary, parse_glossary

__all__ = [
    "Concept",
    "Form",
    "Glossary",
    "InputError",
    "bundled_glossary_path",
    "load_glossary",
    "parse_glossary",
    "save_glossary",
]
