/** A department's Z series: posted in number order, a gap holds what follows it, a changed Z is a conflict. */
import { checkSeries, type SeriesEntry } from '../../../domain/settlement/series';

const where = { tenant: 'acme-as', departmentId: 'OSL' };
const z = (number: number, hash = `h${number}`): SeriesEntry => ({ number, hash });

test('new reports are posted in number order, whatever order they were read in', () => {
  expect(checkSeries(where, [z(1040), z(1041)], [z(1044), z(1042), z(1043)])).toEqual({ post: [1042, 1043, 1044], held: [], problems: [] });
});

test('a gap is reported by number and holds the reports after it; those before it go', () => {
  const check = checkSeries(where, [z(1041)], [z(1042), z(1044), z(1045)]);
  expect(check.post).toEqual([1042]);
  expect(check.held).toEqual([1044, 1045]);
  expect(check.problems).toEqual([{
    code: 'SeriesGap', effect: 'refuse',
    message: "tenant acme-as, department OSL: Z 1043 is missing between 1042 and 1044; find it in DUELL's Backoffice (the department's Z-reports) and retry once it can be read",
  }]);
});

test('a wider gap names the range', () => {
  expect(checkSeries(where, [z(1042)], [z(1046)]).problems[0]!.message).toContain('Z 1043–1045 are missing between 1042 and 1046');
});

test('the first report of a department has nothing before it to miss', () => {
  expect(checkSeries(where, [], [z(17), z(18)])).toEqual({ post: [17, 18], held: [], problems: [] });
});

test('a missing report read late fills the gap and is posted', () => {
  expect(checkSeries(where, [z(1042), z(1044)], [z(1043)])).toEqual({ post: [1043], held: [], problems: [] });
});

test('a report posted before, read again unchanged, is not posted again', () => {
  expect(checkSeries(where, [z(1042)], [z(1042), z(1043)])).toEqual({ post: [1043], held: [], problems: [] });
});

test('the same Z number with other content is a conflict, never a second posting', () => {
  const check = checkSeries(where, [z(1042, 'a')], [z(1042, 'b'), z(1043)]);
  expect(check.post).toEqual([1043]);
  expect(check.problems).toEqual([{
    code: 'SeriesConflict', effect: 'refuse',
    message: "tenant acme-as, department OSL: Z 1042 was posted before and now reads differently; a posted settlement is never changed: compare the report in DUELL's Backoffice with the voucher in 24SevenOffice and post any correction there by hand",
  }]);
  expect(checkSeries(where, [], [z(7, 'a'), z(7, 'b')]).problems[0]!.message).toContain('Z 7 was read twice with different content');
});
