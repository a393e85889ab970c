from pkg.high import a


def f():
    from pkg.high import a

    return a
