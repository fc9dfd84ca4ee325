import { startMetadata } from '../../workflows/startMetadata';

test('every workflow starts findable by tenant, flow and key, not needing attention, with a summary and details naming the command that shows it', () => {
  const options = startMetadata({
    tenant: 'acme-as', flow: 'settlement', businessKey: 'OSL/z/3', stage: 'preparing',
    summary: 'Z 3 of department OSL (2026-11-29) · DUELL → 24SevenOffice',
    title: 'Daily settlement of Z 3', route: 'DUELL → 24SevenOffice',
    facts: { department: 'OSL', 'Z-report': 3, from: undefined },
    inspect: 'ledgerbridge settlements show acme-as OSL 3',
  });
  expect(options.typedSearchAttributes.map((p) => [p.key.name, p.value])).toEqual([
    ['Tenant', 'acme-as'], ['Flow', 'settlement'], ['BusinessKey', 'OSL/z/3'], ['Stage', 'preparing'], ['NeedsAttention', false],
  ]);
  expect(options.staticSummary).toBe('Z 3 of department OSL (2026-11-29) · DUELL → 24SevenOffice');
  expect(options.staticDetails).toBe([
    '**Daily settlement of Z 3** of tenant **acme-as** · DUELL → 24SevenOffice',
    '- department: OSL\n- Z-report: 3',
    'Inspect: `ledgerbridge settlements show acme-as OSL 3`',
  ].join('\n\n'));
});
