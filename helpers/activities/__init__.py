"""The activity framework: explorers, predictions, exercises, self-checks and display, each declared
once with a live view (JupyterLab) and a kernel-free handout view."""
