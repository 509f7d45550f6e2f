"""Integrations with other tools (pandera); each imports its tool lazily."""
