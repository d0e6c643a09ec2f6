"""The monitor: figures per quarter on the structure, target groups and reach, the funnel."""
