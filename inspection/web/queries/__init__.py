"""What the dashboard's pages read, in queries sized for thousands of agencies."""
