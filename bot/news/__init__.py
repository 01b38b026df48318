"""What the bot posts of its own accord about shows: stories from feeds, checked on a timer and
posted once, and the next seasons TVmaze announces."""
