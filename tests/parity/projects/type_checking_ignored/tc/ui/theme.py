COLOUR = "blue"
