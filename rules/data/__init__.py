"""Data files the rules read: legal texts and issuing bodies that no longer apply."""
