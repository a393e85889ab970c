from app.billing import views as billing_views


class Order:
    def invoice(self) -> str:
        return billing_views.page()
