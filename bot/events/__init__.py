"""Discord scheduled events: one for each dated premiere, kept in step with the show, and who
marks it Interested."""
