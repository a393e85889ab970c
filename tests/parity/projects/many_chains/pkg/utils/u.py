from pkg.high import a
from pkg.high import b
