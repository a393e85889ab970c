from shop.billing.internal import ledger
