"""The ledger: only the sales service may write to it."""
from estate.shared import money
