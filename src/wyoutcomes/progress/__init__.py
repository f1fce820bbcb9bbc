"""Progress: where each target of a plan stands against its trajectory (docs/progress.md)."""
