/**
 * ProjectService (§10): projects are voucher dimensions. GetProjectList(Ps) "only accepts ONE parameter at a
 * time" (loyning): we apply the first one set, in WSDL order. SaveProject returns the id; an unknown Id or a
 * missing Name is a fault [INFERRED].
 */
import { SoapFault } from '../envelope';
import type { Row } from '../state';
import { idOf, requireCaller, timeMs, type OpHandler } from './context';

export const projectOps: Record<string, OpHandler> = {
  GetProjectList(ctx, args) {
    const { books } = requireCaller(ctx);
    const ps = (args.Ps ?? {}) as Row;
    const ids = (ps.ProjectIds as number[] | undefined) ?? [];
    let rows = books.projects;
    if (ids.length > 0) rows = rows.filter((p) => ids.includes(p.Id as number));
    else if (ps.MyProjects === true) rows = rows.filter((p) => p.Enabled === true);
    else if (ps.AllOpenProjects === true) rows = rows.filter((p) => p.Enabled === true && p.DateStop === undefined);
    else if (idOf(ps.CustomerId) !== undefined) rows = rows.filter((p) => p.CustomerId === ps.CustomerId);
    else if (typeof ps.Search === 'string') rows = rows.filter((p) => String(p.Name).toLowerCase().includes((ps.Search as string).toLowerCase()));
    else if (ps.ChangedAfter !== undefined) rows = rows.filter((p) => timeMs(p.DateChanged as string)! > timeMs(ps.ChangedAfter as string)!);
    else if (ps.StartedAfter !== undefined) rows = rows.filter((p) => (timeMs(p.DateStart as string) ?? 0) > timeMs(ps.StartedAfter as string)!);
    else if (ps.StartedBefore !== undefined) rows = rows.filter((p) => (timeMs(p.DateStart as string) ?? 0) < timeMs(ps.StartedBefore as string)!);
    return rows.map((p) => ({ ...p }));
  },

  SaveProject(ctx, args) {
    const { books } = requireCaller(ctx);
    const project = args.project as Row | undefined;
    if (!project) throw new SoapFault('Object reference not set to an instance of an object.');
    const at = ctx.now.toISOString();
    const id = idOf(project.Id);
    if (id !== undefined) {
      const existing = books.projects.find((p) => p.Id === id);
      if (!existing) throw new SoapFault(`Project with Id ${id} does not exist`);
      Object.assign(existing, project, { Id: id, DateChanged: at });
      return id;
    }
    if (typeof project.Name !== 'string' || project.Name.trim() === '') throw new SoapFault('Project name is required');
    if (idOf(project.CustomerId) !== undefined && !books.companies.some((c) => c.Id === project.CustomerId)) throw new SoapFault(`Customer ${String(project.CustomerId)} does not exist`);
    const created: Row = { Enabled: true, QuickListed: true, ...project, Id: books.next.project++, RawName: project.Name, DateRegistered: at, DateChanged: at };
    books.projects.push(created);
    return created.Id;
  },
};
