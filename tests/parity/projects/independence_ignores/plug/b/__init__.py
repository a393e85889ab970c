DEFAULT = "b"
