from shop.billing import charge
from shop.billing.internal.ledger import post
