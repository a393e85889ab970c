from estate.rentals import domain as rentals
from estate.sales import api
from estate.shared import money
