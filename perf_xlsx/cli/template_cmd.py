"""(placeholder module; the command is added by its issue)."""
command = None
