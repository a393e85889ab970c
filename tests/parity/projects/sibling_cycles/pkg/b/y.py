"""b"""
import pkg.a.x
import pkg.c.z
