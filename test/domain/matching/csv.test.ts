/** The simulator's CSV files: RFC 4180, columns by name, and errors that name the file, line and column. */
import { parseOrdersCsv, parseTransactionsCsv, readCsv } from '../../../domain/matching/csv';

const HEADER = 'id,date,supplier,project,department,account,amount,currency,po_field,description';
const transactions = (...rows: string[]) => parseTransactionsCsv([HEADER, ...rows].join('\n'));
const problem = (...rows: string[]) => {
  try {
    transactions(...rows);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no error');
};

test('quoted cells keep commas, quotes and line breaks; the lines after still count right', () => {
  expect(readCsv('a,"b,1","say ""hi""","two\nlines"\r\nc,d,e,f\n', 'x.csv')).toEqual([
    { line: 1, cells: ['a', 'b,1', 'say "hi"', 'two\nlines'] },
    { line: 3, cells: ['c', 'd', 'e', 'f'] },
  ]);
});

test('a row: amounts in minor units, empty cells are none, columns in any order, a BOM ignored', () => {
  const [tx] = parseTransactionsCsv('\ufeffamount,id,date,supplier,project,department,account,currency,po_field,description,extra\n-1250.50,T-1,2026-03-31,501,,,4000,NOK,,"Faktura 1, PO 2026-0042",x\n');
  expect(tx).toEqual({ id: 'T-1', date: '2026-03-31', supplier: '501', project: undefined, department: undefined, account: 4000, amount: -125050, currency: 'NOK', poField: undefined, description: 'Faktura 1, PO 2026-0042' });
});

test.each([
  ['T-1,2026-03-01,501,,,4000,"12,50",NOK,,', 'transactions.csv line 2, column amount: "12,50" is not an amount; write digits, a dot and two decimals, e.g. 1250.50 or -99.00'],
  ['T-1,2026-03-01,501,,,4000,12.5,NOK,,', 'transactions.csv line 2, column amount: "12.5" is not an amount'],
  ['T-1,2026-02-30,501,,,4000,12.50,NOK,,', 'transactions.csv line 2, column date: "2026-02-30" is not a date; write YYYY-MM-DD'],
  ['T-1,01.03.2026,501,,,4000,12.50,NOK,,', 'transactions.csv line 2, column date: "01.03.2026" is not a date'],
  ['T-1,2026-03-01,501,,,4000,12.50,nok,,', 'transactions.csv line 2, column currency: "nok" is not an ISO currency code'],
  ['T-1,2026-03-01,501,,,konto,12.50,NOK,,', 'transactions.csv line 2, column account: "konto" is not a G/L account number'],
  [',2026-03-01,501,,,4000,12.50,NOK,,', 'transactions.csv line 2, column id: empty, and a value is required'],
  ['T-1,2026-03-01,501,,,4000,12.50,NOK', 'transactions.csv line 2: 8 cells, the header has 10'],
  ['T-1,2026-03-01,501,,,4000,12.50,NOK,,"open', 'transactions.csv line 2: a quoted cell is not closed'],
])('%s → %s', (row, message) => {
  expect(problem(row)).toContain(message);
});

test('a repeated transaction id names the first line', () => {
  expect(problem('T-1,2026-03-01,501,,,4000,1.00,NOK,,', 'T-1,2026-03-02,501,,,4000,1.00,NOK,,')).toBe(
    'transactions.csv line 3, column id: transaction id "T-1" is already on line 2; each transaction once');
});

test('orders: status checked, invoiced empty is nothing invoiced, missing columns all named', () => {
  const header = 'number,supplier,project,department,amount,invoiced,currency,status';
  expect(parseOrdersCsv(`${header}\n2026-0001,501,P1,,100.00,,NOK,partly-invoiced\n`)).toEqual([
    { number: '2026-0001', supplier: '501', project: 'P1', department: undefined, amount: 10000, invoiced: 0, currency: 'NOK', status: 'partly-invoiced' },
  ]);
  expect(() => parseOrdersCsv(`${header}\n2026-0001,501,,,100.00,,NOK,done\n`)).toThrow('orders.csv line 2, column status: "done" is not a status; use one of open, partly-invoiced, closed');
  expect(() => parseOrdersCsv('number,supplier,amount,currency\n')).toThrow('orders.csv line 1: columns "project", "department", "invoiced", "status" missing');
  expect(() => parseOrdersCsv('')).toThrow('orders.csv is empty');
});
