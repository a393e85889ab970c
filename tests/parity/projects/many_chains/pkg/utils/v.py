import pkg.high.b
