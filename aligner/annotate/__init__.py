"""The reading aid: an article with its terms glossed (model), as a terminal view or one HTML page."""
