from estate.rentals import domain
from estate.shared import ledger
