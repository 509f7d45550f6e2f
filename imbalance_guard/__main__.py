from imbalance_guard.console import entry

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    entry()
