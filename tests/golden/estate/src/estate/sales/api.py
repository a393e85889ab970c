from estate.sales import service
