/** Departments (avdelinger): ClientService GetDepartmentList, read-only in SOAP (API doc §6). */
import type { Session } from './session';
import { items, readNumber, readString } from './wire';

export interface Department {
  id: number;
  name: string;
  email?: string;
}

export async function departments(session: Session): Promise<Department[]> {
  const res = await session.call('client', 'GetDepartmentList');
  return items<Record<string, unknown>>(res.GetDepartmentListResult, 'Department').map((d) => ({
    id: readNumber(d.Id) ?? 0,
    name: readString(d.Name) ?? '',
    ...(readString(d.Email) ? { email: readString(d.Email) } : {}),
  }));
}
