"""For developers: the benchmark, the scaling run, the Zensical canary and project copies."""
