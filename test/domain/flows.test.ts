import { FLOW_NAMES } from '../../domain/flows';
import { SCHEDULED_FLOWS } from '../../domain/scheduledFlows';

test('every scheduled flow is a flow `ledgerbridge workflows --flow` knows, and each flow is named once', () => {
  expect(FLOW_NAMES).toEqual(expect.arrayContaining(SCHEDULED_FLOWS.map((f) => f.flow)));
  expect(new Set(FLOW_NAMES).size).toBe(FLOW_NAMES.length);
});
