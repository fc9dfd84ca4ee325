/** The organisation and the master data CostTracker mirrors from the accounting system (with its ids). */
import type { CostTrackerClient } from './client';
import type { Department, Organisation, Project, Supplier } from './model';
import { departmentSchema, organisationSchema, projectSchema, supplierSchema } from './wire';

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
