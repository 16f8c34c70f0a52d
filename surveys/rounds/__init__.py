"""Rounds (gjennomføringer): the rules their dates give (schedule), creating a year's rounds
(creation), their admin, and the round pages show as "when can we send?"."""
