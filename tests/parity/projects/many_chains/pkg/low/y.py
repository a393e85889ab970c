from pkg.utils import u
