// Storefront sync with the Shopify Admin GraphQL API: reads products page by page (cursor
// pagination) and updates inventory levels. Errors come back in `errors` or `userErrors`.
const SHOP = process.env.SHOPIFY_SHOP;
const ADMIN_TOKEN = process.env.SHOPIFY_ADMIN_TOKEN;
const ENDPOINT = `https://${SHOP}.myshopify.com/admin/api/2024-10/graphql.json`;

class GraphQLError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join("; "));
    this.errors = errors;
  }
}

async function graphql(query, variables = {}, attempt = 0) {
  const res = await fetch(ENDPOINT, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": ADMIN_TOKEN },
    body: JSON.stringify({ query, variables }),
  });
  const { data, errors, extensions } = await res.json();
  if (errors && errors.some((e) => e.extensions && e.extensions.code === "THROTTLED") && attempt < 5) {
    const cost = extensions.cost;
    const wait = ((cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable) / cost.throttleStatus.restoreRate) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(wait, 1000)));
    return graphql(query, variables, attempt + 1);
  }
  if (errors && errors.length) {
    throw new GraphQLError(errors);
  }
  return data;
}

const PRODUCTS_QUERY = `
  query Products($cursor: String) {
    products(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        title
        status
        variants(first: 50) { nodes { id sku price inventoryItem { id } } }
      }
    }
  }
`;

async function allProducts() {
  const products = [];
  let cursor = null;
  for (;;) {
    const data = await graphql(PRODUCTS_QUERY, { cursor });
    products.push(...data.products.nodes);
    if (!data.products.pageInfo.hasNextPage) break;
    cursor = data.products.pageInfo.endCursor;
  }
  return products;
}

const SET_QUANTITIES = `
  mutation SetQuantities($input: InventorySetQuantitiesInput!) {
    inventorySetQuantities(input: $input) {
      inventoryAdjustmentGroup { reason }
      userErrors { field message code }
    }
  }
`;

async function setStock(locationId, levels) {
  const data = await graphql(SET_QUANTITIES, {
    input: {
      name: "available",
      reason: "correction",
      ignoreCompareQuantity: true,
      quantities: levels.map((l) => ({ inventoryItemId: l.inventoryItemId, locationId, quantity: l.quantity })),
    },
  });
  const { userErrors } = data.inventorySetQuantities;
  if (userErrors.length) {
    throw new GraphQLError(userErrors);
  }
  return levels.length;
}

async function syncFromWarehouse(warehouse, locationId) {
  const stock = await warehouse.levelsBySku();
  const products = await allProducts();
  const levels = [];
  for (const product of products) {
    for (const variant of product.variants.nodes) {
      if (variant.sku && stock.has(variant.sku)) {
        levels.push({ inventoryItemId: variant.inventoryItem.id, quantity: stock.get(variant.sku) });
      }
    }
  }
  for (let i = 0; i < levels.length; i += 250) {
    await setStock(locationId, levels.slice(i, i + 250));
  }
  return levels.length;
}

module.exports = { graphql, allProducts, setStock, syncFromWarehouse, GraphQLError };
