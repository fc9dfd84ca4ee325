/**
 * The "test integration" button: the token opens the organisation, the organisation is the one configured, and
 * every project and department the connection's fetch filter names exists in CostTracker (the filter carries the
 * accounting system's ids, which CostTracker mirrors). Every problem is an item with a sentence for the operator.
 */
import { isConnectorError } from '../errors';
import type { CheckItem, CheckReport } from '../types';
import type { CostTrackerClient } from './client';
import { departments, organisation, projects } from './masterData';

export async function check(client: CostTrackerClient): Promise<CheckReport> {
  const items: CheckItem[] = [];
  const report = (): CheckReport => ({ system: 'costtracker', ok: items.every((i) => i.ok), items });
  const problem = (err: unknown) => {
    if (!isConnectorError(err)) throw err;
    return err.message + (err.retryable ? ' This is temporary; test again later.' : '');
  };
  const { organisationId, filter } = client.settings;

  try {
    const org = await organisation(client);
    items.push({ name: 'token', ok: true, detail: 'CostTracker accepted the API token.' });
    items.push(org.id === organisationId
      ? { name: 'organisation', ok: true, detail: `Working in CostTracker organisation ${org.id} ${org.name} (${org.currency}, PO numbers like ${org.poPrefix}2026-0042).` }
      : { name: 'organisation', ok: false, detail: `CostTracker answered for organisation ${org.id}, not ${organisationId}; correct organisationId in the connection settings.` });
  } catch (err) {
    const blocked = isConnectorError(err, 'IdentityBlocked');
    items.push({ name: 'token', ok: blocked, detail: blocked ? 'CostTracker accepted the API token.' : problem(err) });
    items.push({ name: 'organisation', ok: false, detail: blocked ? problem(err) : 'Not checked: the token was not accepted.' });
    return report();
  }

  const dimensions = [
    { name: 'projects', wanted: filter.projects, read: () => projects(client) },
    { name: 'departments', wanted: filter.departments, read: () => departments(client) },
  ];
  for (const { name, wanted, read } of dimensions) {
    if (wanted.length === 0) continue;
    const singular = name.slice(0, -1);
    try {
      const known = new Map<string, { active: boolean }>();
      for await (const item of read()) known.set(item.id, item);
      for (const id of wanted) {
        const found = known.get(id);
        items.push(!found
          ? { name: `${singular} ${id}`, ok: false, detail: `The fetch filter names ${singular} ${id}, which CostTracker does not have; remove it from ` +
              `the connection's filter (ledgerbridge connections add ${client.tenant} --system costtracker --setting filter='{…}') or let CostTracker ` +
              `synchronise its ${name} from the accounting system first.` }
          : { name: `${singular} ${id}`, ok: true, detail: `${singular[0]!.toUpperCase()}${singular.slice(1)} ${id} exists${found.active ? '' : ' (inactive: new transactions on it are unusual)'}.` });
      }
    } catch (err) {
      items.push({ name, ok: false, detail: problem(err) });
    }
  }
  return report();
}
