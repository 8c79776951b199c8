"""The article lint: the model rules read, the engine, the rule registry, rules, suppressions, configuration, the run loop and formatters."""
