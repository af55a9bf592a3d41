"""Screens: one module per screen; they coordinate widgets and call the Library."""
