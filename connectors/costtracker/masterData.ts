/** The organisation and the master data CostTracker mirrors from the accounting system (with its ids). */
import type { CostTrackerClient } from './client';
import type { Department, Organisation, Project, Supplier } from './model';
import { ConnectorError } from '../errors';
import { departmentSchema, organisationSchema, projectSchema, supplierSchema, transactionsAnswerSchema } from './wire';

export async function organisation(client: CostTrackerClient): Promise<Organisation> {
  const res = await client.call('organisation', 'GET', '');
  return client.parse(organisationSchema, res.body, 'organisation');
}

export async function* suppliers(client: CostTrackerClient): AsyncGenerator<Supplier> {
  for await (const page of client.pages('suppliers', '/suppliers', supplierSchema, 'supplier')) yield* page;
}

export async function* projects(client: CostTrackerClient): AsyncGenerator<Project> {
  for await (const page of client.pages('projects', '/projects', projectSchema, 'project')) yield* page;
}

export async function* departments(client: CostTrackerClient): AsyncGenerator<Department> {
  for await (const page of client.pages('departments', '/departments', departmentSchema, 'department')) yield* page;
}

/**
 * Upserts master data by id in pages of the connection's page size; a page sent twice changes nothing. The answer
 * must account for every item, as for transactions.
 */
export async function putMasterData(client: CostTrackerClient, what: 'suppliers' | 'projects' | 'departments', items: readonly Supplier[] | readonly Project[] | readonly Department[]): Promise<void> {
  const op = `put${what[0]!.toUpperCase()}${what.slice(1)}`;
  const pageSize = client.settings.pageSize;
  for (let start = 0; start < items.length; start += pageSize) {
    const page = items.slice(start, start + pageSize);
    const res = await client.call(op, 'POST', `/${what}/bulk`, { body: { items: page } });
    const answer = client.parse(transactionsAnswerSchema, res.body, `${op} answer`);
    const counted = answer.created + answer.updated + answer.unchanged;
    if (counted !== page.length) {
      throw new ConnectorError('MalformedResponse', `CostTracker ${op} (${client.where}) accounted for ${counted} of the ${page.length} ${what} sent; ` +
        'ask CostTracker support (model: connectors/costtracker/README.md)');
    }
  }
}
