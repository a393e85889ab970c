import pkg.a.x


def f():
    import pkg.d.w
