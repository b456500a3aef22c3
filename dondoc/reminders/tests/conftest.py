def pytest_configure(config):
    # Until pyproject.toml lists it (asked for in the report).
    config.addinivalue_line("markers", "slow: converts documents with LibreOffice (seconds)")
