/** Projects (ProjectService on the webservices host, API doc §10). */
import { ConnectorError } from '../errors';
import type { Session } from './session';
import { compact, items, readBool, readDate, readInstant, readNumber, readString, wireDate, wireInstant } from './wire';

export interface Project {
  id?: number;
  name: string;
  /** Active (Enabled) projects accept postings. */
  active?: boolean;
  customerId?: number;
  departmentId?: number;
  startDate?: string;
  stopDate?: string;
  status?: string;
  description?: string;
  changedAt?: string;
}

/** ProjectSearch "only accepts ONE parameter at a time" (loyning soap.py, §10): give at most one; none = all open projects. */
export type ProjectQuery =
  | { ids: number[] }
  | { customerId: number }
  | { changedAfter: Date | string }
  | { search: string }
  | { allOpen: true };

export async function projects(session: Session, q: ProjectQuery = { allOpen: true }): Promise<Project[]> {
  const res = await session.call('project', 'GetProjectList', { Ps: search(q) });
  return items<Record<string, unknown>>(res.GetProjectListResult, 'Project').map(project);
}

/** Creates (no id) or updates a project; returns its id. */
export async function saveProject(session: Session, p: Project): Promise<number> {
  if (!p.name.trim()) throw new ConnectorError('ValidationFailed', 'saveProject: a project needs a name; nothing was sent');
  // Fields in WSDL order; NameDisplay and TimeReg are required; new projects as loyning creates them (Version=1).
  const res = await session.call('project', 'SaveProject', {
    project: compact({
      Id: p.id,
      Enabled: p.active ?? true,
      Name: p.name,
      NameDisplay: 'Plain',
      DateStart: p.startDate === undefined ? undefined : wireDate(p.startDate, 'saveProject startDate'),
      DateStop: p.stopDate === undefined ? undefined : wireDate(p.stopDate, 'saveProject stopDate'),
      CustomerId: p.customerId,
      DepartmentId: p.departmentId,
      Description: p.description,
      TimeReg: 'WorkType',
      Version: 1,
    }),
  });
  const id = readNumber(res.SaveProjectResult);
  if (id === undefined || id <= 0) {
    throw new ConnectorError('Rejected', `24SevenOffice did not save project "${p.name}" for tenant ${session.tenant} (SaveProject returned ${String(res.SaveProjectResult)})`);
  }
  return id;
}

function search(q: ProjectQuery): Record<string, unknown> {
  if ('ids' in q) return { ProjectIds: { int: q.ids } };
  if ('customerId' in q) return { CustomerId: q.customerId };
  if ('changedAfter' in q) return { ChangedAfter: wireInstant(q.changedAfter, 'projects changedAfter') };
  if ('search' in q) return { Search: q.search };
  return { AllOpenProjects: true };
}

function project(p: Record<string, unknown>): Project {
  return compact({
    id: readNumber(p.Id),
    name: readString(p.Name) ?? '',
    active: readBool(p.Enabled),
    customerId: readNumber(p.CustomerId) || undefined,
    departmentId: readNumber(p.DepartmentId) || undefined,
    startDate: readDate(p.DateStart),
    stopDate: readDate(p.DateStop),
    status: readString(p.StatusName),
    description: readString(p.Description),
    changedAt: readInstant(p.DateChanged),
  });
}
