w = f"{x:>{width}}"; import i
u = f"{x!r:{"<"}10}" + f"{x=}" + f"{{"  # fitness: ignore[rule-d]
import importlib
importlib.import_module(f"j{"}"}")
importlib.import_module("k")
