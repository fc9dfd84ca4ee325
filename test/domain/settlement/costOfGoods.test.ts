/** The cost of the goods a Z-report sold, per article group, from the group's products' cost prices. */
import { costOfGoods } from '../../../domain/settlement/costOfGoods';

const groups = [
  { groupId: '10', vatCode: '3', count: 3, amount: 2_997_00 },
  { groupId: '20', vatCode: '31', count: 4, amount: 190_00 },
  { groupId: '30', vatCode: '3', count: 1, amount: 350_00 },
];

test("a group's items are costed at the mean cost price of its products", () => {
  const products = [{ groupId: '10', costPrice: 380_00 }, { groupId: '10', costPrice: 610_00 }, { groupId: '20', costPrice: 21_20 }, { groupId: '30', costPrice: 0 }];
  expect(costOfGoods({ artGroups: groups }, products)).toEqual(new Map([['10', 1_485_00], ['20', 84_80], ['30', 0]]));
});

test('a group without products has no cost price, so the preflight can refuse it', () => {
  expect(costOfGoods({ artGroups: groups }, [{ groupId: '10', costPrice: 100_00 }]).has('20')).toBe(false);
});
