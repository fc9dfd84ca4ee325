/** The Severa sandbox keeps its organisations across a restart when given a state file, as `npm start` runs it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_SEVERA, startSeveraSandbox } from '../../sandbox/severa';

test('an invoice moved to another status, and a new organisation, are still there after a restart', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'severa-state-'));
  const file = path.join(dir, 'severa.json');
  try {
    const first = await startSeveraSandbox({ stateFile: file });
    const draft = first.admin.invoices(DEMO_SEVERA.clientId).find((i) => (i.status as { name: string }).name === 'Luonnos')!;
    const moved = first.admin.setInvoiceStatus(DEMO_SEVERA.clientId, draft.guid as string, 'Waiting for transfer to Talenom');
    first.admin.createOrganization({ name: 'Toinen Oy', clientId: 'second', clientSecret: 's' });
    await first.close();

    const second = await startSeveraSandbox({ stateFile: file });
    try {
      const again = second.admin.invoices(DEMO_SEVERA.clientId).find((i) => i.guid === draft.guid)!;
      expect(again).toMatchObject({ number: moved.number, status: { name: 'Waiting for transfer to Talenom' } });
      expect(second.admin.state().organizations.map((o) => o.name)).toEqual(['Kahvi ja Koodi Oy', 'Toinen Oy']);
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
