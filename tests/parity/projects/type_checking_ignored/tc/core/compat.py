try:
    import fastjson as json
except ImportError:
    from tc.ui import theme as json  # a silly fallback, but a run-time import all the same


def dump(value: object) -> str:
    return str(json)
