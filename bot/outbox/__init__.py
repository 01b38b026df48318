"""What every post the bot makes on its own shares: the sender and its pacer, the one wake-up
timer, and mention batches. Reminders, news from feeds and season offers all post through it."""
