"""The lint rules, one module each; ``yakugo.aligner.lint.registry`` lists them."""
