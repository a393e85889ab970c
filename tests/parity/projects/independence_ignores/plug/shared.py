from plug.b import DEFAULT
from plug.b.api import call


def relay(value: str = DEFAULT) -> str:
    return call(value)
