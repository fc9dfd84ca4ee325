/**
 * The cost of the goods a Z-report sold, per article group, for the inventory change (beholdningsendring). The
 * Z-report counts items per group but names no products, so a group's items are costed at the mean cost price of
 * the group's products in DUELL [INFERRED: DUELL's own inventory change is not documented; a shop whose groups mix
 * cheap and dear goods should keep them in groups of their own]. A group without products has no cost price: the
 * preflight refuses it (CostPriceMissing) rather than post the goods at nothing.
 */
import type { Product } from './product';
import type { ZReport } from './zReport';

export function costOfGoods(z: Pick<ZReport, 'artGroups'>, products: readonly { groupId: Product['groupId']; costPrice: number }[]): Map<string, number> {
  const costs = new Map<string, number[]>();
  for (const p of products) costs.set(p.groupId, [...(costs.get(p.groupId) ?? []), p.costPrice]);
  const out = new Map<string, number>();
  for (const g of z.artGroups) {
    const prices = costs.get(g.groupId);
    if (!prices?.length) continue;
    const mean = prices.reduce((a, b) => a + b, 0) / prices.length;
    out.set(g.groupId, Math.round(mean * g.count));
  }
  return out;
}
