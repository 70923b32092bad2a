"""Other programs filling the template contract (tests/test_contract_fillers.py)."""
