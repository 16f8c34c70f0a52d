"""Responses no one can trace: answers sealed while the round is open (sealing), stored
after it all at once (storing) with dimensions that single no one out (generalising)."""
