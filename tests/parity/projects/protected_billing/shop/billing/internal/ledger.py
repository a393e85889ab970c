def post():
    pass
