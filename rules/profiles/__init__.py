"""Packaged audit profiles (TOML data files)."""
