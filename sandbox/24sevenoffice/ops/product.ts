/**
 * ProductService (§8). "A product always belongs to a category": a new product needs CategoryId (existing)
 * and Name; errors per item in APIException. SetStockQuantity answers false for an unknown product [INFERRED].
 */
import type { Row } from '../state';
import { apiException } from './company';
import { idOf, pick, requireCaller, timeMs, type OpHandler } from './context';

const LIMITS: Array<[string, number]> = [['Name', 125], ['Description', 500], ['EAN1', 50], ['No', 100]];

export const productOps: Record<string, OpHandler> = {
  GetProducts(ctx, args) {
    const { books } = requireCaller(ctx);
    const p = (args.searchParams ?? {}) as Row;
    const changedAfter = timeMs(p.DateChanged as string | undefined);
    const ids = (p.ProductIds as number[] | undefined) ?? [];
    const rows = books.products.filter(
      (r) =>
        (idOf(p.Id) === undefined || r.Id === p.Id) &&
        (idOf(p.CategoryId) === undefined || r.CategoryId === p.CategoryId) &&
        (p.No === undefined || r.No === p.No) &&
        (p.EAN1 === undefined || r.EAN1 === p.EAN1) &&
        (p.Name === undefined || String(r.Name).toLowerCase().includes(String(p.Name).toLowerCase())) &&
        (p.Price === undefined || Number(r.Price) === Number(p.Price)) &&
        (changedAfter === undefined || timeMs(r.DateChanged as string)! > changedAfter) &&
        (ids.length === 0 || ids.includes(r.Id as number)),
    );
    const props = ((args.returnProperties as string[] | undefined) ?? []).filter((n) => n !== 'APIException');
    return rows.map((r) => pick(r, props));
  },

  SaveProducts(ctx, args) {
    const { books } = requireCaller(ctx);
    const at = ctx.now.toISOString();
    return ((args.products as Array<Row | null>) ?? []).map((input) => {
      if (!input) return null;
      const { APIException: _ignored, ...p } = input;
      const id = idOf(p.Id);
      const existing = id !== undefined ? books.products.find((x) => x.Id === id) : undefined;
      const problems: string[] = [];
      if (id !== undefined && !existing) problems.push(`Product with Id ${id} does not exist`);
      if (!existing && (typeof p.Name !== 'string' || p.Name.trim() === '')) problems.push('Name is required');
      const categoryId = idOf(p.CategoryId) ?? (existing?.CategoryId as number | undefined);
      if (!categoryId) problems.push('CategoryId is required: a product always belongs to a category');
      else if (!books.productCategories.some((c) => c.Id === categoryId)) problems.push(`Category ${categoryId} does not exist`);
      for (const [field, max] of LIMITS) if (typeof p[field] === 'string' && (p[field] as string).length > max) problems.push(`${field} can not be longer than ${max} characters`);
      if (problems.length > 0) return { ...p, APIException: apiException(problems.join('; ')) };
      if (existing) {
        Object.assign(existing, p, { Id: existing.Id, DateChanged: at });
        return { ...existing };
      }
      const created: Row = { StatusId: 1, Stock: '0', ...p, Id: books.next.product++, DateChanged: at };
      books.products.push(created);
      return { ...created };
    });
  },

  SetStockQuantity(ctx, args) {
    const { books } = requireCaller(ctx);
    const product = books.products.find((p) => p.Id === args.productId);
    if (!product) return false;
    product.Stock = args.stockQuantity as string;
    product.DateChanged = ctx.now.toISOString();
    return true;
  },
};
