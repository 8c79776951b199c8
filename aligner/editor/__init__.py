"""Editor integration: the pieces of ``yakugo lsp``."""
