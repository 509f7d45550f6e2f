"""Built-in rules. Each module is one plugin for one concern; rules never import each other."""
