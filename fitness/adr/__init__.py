"""Architecture Decision Records: reading them, resolving references, checking citations."""
