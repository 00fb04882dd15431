"""Stage 2, while the engine renders: what our build adds to each page (blocks, notices, the
printed footer, QR codes), given only scripts.engine.PageInfo.
"""
