"""Widgets: render what they are given, report with messages, never touch the Library."""
