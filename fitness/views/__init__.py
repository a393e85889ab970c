"""Views of the project from above: data that diagrams render."""
