from estate.rentals import service
