def later() -> str:
    from plug.b.api import call

    return call("later")
