from pkg.c import z
from pkg.d import v
