"""Stage 3, after the engine, on the folder it wrote: redirects, search, stylesheets, fingerprints,
the output policy, PDFs, offline copies, headers and compression (scripts/build.py runs them in
order).
"""
