"""Stage 1, before the engine: every check of the content, data, configuration and theme inputs;
each problem is told as file:line: what is wrong — how to fix it.
"""
