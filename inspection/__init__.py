"""The parts that use the others: run an inspection, the CLI, registry import, exports."""

__all__: list[str] = []
