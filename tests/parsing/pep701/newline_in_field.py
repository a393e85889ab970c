v = f"{
    0}# fitness: ignore[invented]"; import m
w = f'{
    "# not a comment either"
}'
import n  # fitness: ignore[rule-e]
