from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from estate.sales import domain
