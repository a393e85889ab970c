from ..b import api


def forward(value: str) -> str:
    return api.call(value)
