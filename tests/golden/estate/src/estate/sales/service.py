from estate.sales import domain
from estate.shared import ledger
