v = f"{
    x  # fitness: ignore[rule-b]
}"
import g
w = f"""{
    {"a": "# not a comment"}["a"]  # fitness: ignore[rule-c]
}"""; import h
