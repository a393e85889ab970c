"""A small shop: api -> services | jobs -> domain, with infrastructure beside them."""
