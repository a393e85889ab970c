from estate.sales import domain as sales
from estate.shared import money
