from flexy_api import plans as load_plans


def show_plans():
    catalog = load_plans()
    fixed = catalog["fixedPlans"]
    dynamic = catalog["dymanicPlans"]
    print("plans:", len(dynamic), "dynamic,", len(fixed), "fixed")
    for plan in dynamic:
        print(f"  {plan['code']}: {plan['min']}-{plan['max']} DA")
    cheapest = min(fixed, key=lambda plan: plan["amount"])
    print("cheapest fixed plan:", cheapest["name"])
    print("paged:", catalog.get("totalPages") is not None)
