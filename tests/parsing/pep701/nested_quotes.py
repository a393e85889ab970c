x = f"{"; import a"}" + f"{"("}"
import b
y = f"{'#'}"  # fitness: ignore[rule-a]
z = f"{"# fitness: ignore[invented]"}"
