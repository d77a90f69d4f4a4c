"""Interactive environments, the action-conditioned world model that learns them, real-time
play and a planner that imagines before it acts."""
