"""Stage 4: how the finished site is served (nginx rules, _headers, the preview server)."""
