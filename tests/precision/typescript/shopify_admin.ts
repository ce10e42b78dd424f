// Storefront sync with Shopify: the Admin REST API (`/admin/api/2024-01/products.json`,
// cursor pagination in the `Link` header) for products and orders, and the Admin GraphQL API
// for inventory. Traps: a generic GraphQL client with `errors`/`userErrors`, another API's
// access-token header, REST `errors` bodies, `totalResults`-like counts, enums and generics.
const SHOP = process.env.SHOPIFY_SHOP ?? "acme-dz";
const API_VERSION = "2024-01";
const REST_BASE = `https://${SHOP}.myshopify.com/admin/api/${API_VERSION}`;
const GRAPHQL_URL = `https://${SHOP}.myshopify.com/admin/api/${API_VERSION}/graphql.json`;

export enum ProductStatus {
  Active = "active",
  Draft = "draft",
  Archived = "archived",
}

export interface ShopifyProduct {
  id: number;
  title: string;
  status: ProductStatus;
  variants: { id: number; sku: string; price: string; inventory_item_id: number }[];
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: { code: string } }[];
}

interface UserError {
  field: string[] | null;
  message: string;
}

export class ShopifyError extends Error {
  constructor(message: string, public readonly details: unknown = null) {
    super(message);
  }
}

export class ShopifyAdmin {
  private readonly headers: Record<string, string>;

  constructor(accessToken: string = process.env.SHOPIFY_ADMIN_TOKEN!) {
    this.headers = { "X-Shopify-Access-Token": accessToken, "Content-Type": "application/json" };
  }

  private async rest<T>(pathOrUrl: string, init?: RequestInit): Promise<{ body: T; next: string | null }> {
    const url = pathOrUrl.startsWith("https://") ? pathOrUrl : REST_BASE + pathOrUrl;
    const res = await fetch(url, { ...init, headers: this.headers });
    const body = await res.json();
    if (!res.ok) {
      throw new ShopifyError(`Shopify ${res.status}`, (body as { errors: unknown }).errors);
    }
    const link = res.headers.get("link");
    const next = link?.match(/<([^>]+)>;\s*rel="next"/)?.[1] ?? null;
    return { body: body as T, next };
  }

  async allProducts(status: ProductStatus = ProductStatus.Active): Promise<ShopifyProduct[]> {
    const out: ShopifyProduct[] = [];
    let next: string | null = `/products.json?limit=250&status=${status}`;
    while (next) {
      const page: { body: { products: ShopifyProduct[] }; next: string | null } = await this.rest(next);
      out.push(...page.body.products);
      next = page.next;
    }
    return out;
  }

  async productCount(): Promise<number> {
    const { body } = await this.rest<{ count: number }>("/products/count.json");
    return body.count;
  }

  async updatePrice(variantId: number, price: string): Promise<void> {
    await this.rest(`${REST_BASE}/variants/${variantId}.json`, {
      method: "PUT",
      body: JSON.stringify({ variant: { id: variantId, price } }),
    });
  }

  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(GRAPHQL_URL, {
      method: "POST",
      headers: this.headers,
      body: JSON.stringify({ query, variables }),
    });
    const { data, errors } = (await res.json()) as GraphQLResponse<T>;
    if (errors?.length) {
      throw new ShopifyError(errors.map((e) => e.message).join("; "), errors);
    }
    return data!;
  }

  async setAvailable(locationId: string, levels: { inventoryItemId: string; quantity: number }[]): Promise<void> {
    const data = await this.graphql<{ inventorySetQuantities: { userErrors: UserError[] } }>(
      `mutation SetQuantities($input: InventorySetQuantitiesInput!) {
        inventorySetQuantities(input: $input) { userErrors { field message } }
      }`,
      {
        input: {
          name: "available",
          reason: "correction",
          ignoreCompareQuantity: true,
          quantities: levels.map((l) => ({ ...l, locationId })),
        },
      },
    );
    const { userErrors } = data.inventorySetQuantities;
    if (userErrors.length > 0) throw new ShopifyError(userErrors[0]!.message, userErrors);
  }
}

export async function syncStock(shop: ShopifyAdmin, stock: Map<string, number>, locationId: string): Promise<number> {
  const products = await shop.allProducts();
  const levels = products
    .flatMap((p) => p.variants)
    .filter((v) => stock.has(v.sku))
    .map((v) => ({ inventoryItemId: `gid://shopify/InventoryItem/${v.inventory_item_id}`, quantity: stock.get(v.sku)! }));
  for (let i = 0; i < levels.length; i += 250) {
    await shop.setAvailable(locationId, levels.slice(i, i + 250));
  }
  return levels.length;
}
