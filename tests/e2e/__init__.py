"""End-to-end tests: the installed command, a real server and a real browser."""
