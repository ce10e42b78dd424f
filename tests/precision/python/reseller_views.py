"""Django views of our own reseller API. v2 of the API keeps page metadata at the root and
string errors; the URL patterns are at the bottom of the module."""

from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.db import transaction
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from shop.models import Order, Product, Reseller, WalletMovement

PAGE_SIZE = 20


def api_key_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        header = request.headers.get("authorization", "")
        if not header:
            return JsonResponse({"error": "Access token missing", "message": "Send your reseller key"}, status=401)
        key = header[7:] if header.startswith("Bearer ") else header
        reseller = Reseller.objects.filter(api_key=key, active=True).first()
        if reseller is None:
            return JsonResponse({"error": "Forbidden", "message": "Unknown or revoked key"}, status=403)
        request.reseller = reseller
        return view(request, *args, **kwargs)

    return wrapper


def page_payload(queryset, page_number, list_name, serialize):
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return {
        list_name: [serialize(obj) for obj in page.object_list],
        "totalResults": paginator.count,
        "totalPages": paginator.num_pages,
        "currentPage": page.number,
    }


@require_GET
@api_key_required
def balance(request):
    wallet = request.reseller.wallet
    return JsonResponse({"balance": str(wallet.balance), "currency": "DZD"})


@require_GET
@api_key_required
def transactions(request):
    movements = WalletMovement.objects.filter(wallet=request.reseller.wallet).order_by("-created_at")
    payload = page_payload(
        movements,
        int(request.GET.get("page", 1)),
        "transactions",
        lambda m: {"id": m.pk, "amount": str(m.amount), "type": m.kind, "createdAt": m.created_at.isoformat()},
    )
    return JsonResponse(payload)


@csrf_exempt
@require_POST
@api_key_required
def create_order(request):
    import json

    data = json.loads(request.body or b"{}")
    product = Product.objects.filter(pk=data.get("productId")).first()
    if product is None:
        return JsonResponse({"error": "NOT_FOUND", "message": "Unknown product"}, status=404)
    with transaction.atomic():
        wallet = request.reseller.wallet.__class__.objects.select_for_update().get(pk=request.reseller.wallet.pk)
        if wallet.balance < product.price:
            return JsonResponse({"error": "NO-BALANCE", "message": "Top up your wallet first"}, status=402)
        if Order.objects.filter(reseller=request.reseller, ref=data.get("ref")).exists():
            return JsonResponse({"error": "DUPLICATED-REF", "message": "Reference already used"}, status=409)
        order = Order.objects.create(reseller=request.reseller, product=product, ref=data["ref"])
        wallet.debit(product.price, reason=f"order {order.pk}")
    return JsonResponse({"order": {"id": order.pk, "status": order.status}}, status=201)


@require_GET
@api_key_required
def orders(request):
    queryset = Order.objects.filter(reseller=request.reseller).order_by("-created_at")
    payload = page_payload(
        queryset,
        int(request.GET.get("page", 1)),
        "orders",
        lambda o: {"id": o.pk, "ref": o.ref, "status": o.status, "product": o.product.name},
    )
    return JsonResponse(payload)


urlpatterns = [
    path("api/v2/account/balance", balance, name="api-v2-balance"),
    path("api/v2/account/transactions", transactions, name="api-v2-transactions"),
    path("api/v2/orders", orders, name="api-v2-orders"),
    path("api/v2/orders/create", create_order, name="api-v2-order-create"),
]
