def reconcile() -> None:
    # Jobs and services are independent siblings (ADR-0002); this local import breaks that.
    from shop.services.checkout import place_order

    place_order("nightly", 0)


# Runs from cron for now; ADR-0006 would enqueue it on a task queue instead.
