"""Showing answers: JSON, terminal tables drawn by rich, the pager, charts, exports and data frames."""
