"""Term mining: candidates the glossary lacks (extract) and English equivalents from parallel text (align)."""
