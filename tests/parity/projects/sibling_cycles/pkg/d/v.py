import pkg.c.z
import pkg.d.w
