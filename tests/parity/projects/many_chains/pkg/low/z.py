from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkg.utils import v
