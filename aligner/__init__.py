"""Language logic over the glossary, one subpackage per capability.

``core`` (segmentation, recognition, Markdown masking, English matching, JMdict,
the shared findings vocabulary), ``lint`` (the article lint: model, engine,
registry, rules, suppressions, configuration, fixes, formatters), ``qa``
(bilingual readers, the terminology checker and its formatters), ``mining``
(term extraction and alignment) and ``annotate`` (the reading aid).
"""
