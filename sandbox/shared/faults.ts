/**
 * Fault injection shared by every sandbox: a test (or the demo) arms a fault for the next N calls of one
 * operation (or of any), the sandbox takes it when a matching call arrives. What a kind *does* is up to each
 * sandbox (a SOAP service and a REST API lose a response differently); this registry only counts.
 */
export type FaultKind =
  | 'http500' // the server answers 500 with an error page, nothing is done
  | 'slow' // the call is handled after delayMs
  | 'lostResponse' // the call IS handled (committed), then the connection is dropped without an answer
  | 'sessionExpiry' // the caller's session expires just before the call is handled
  | 'quarantine' // the rate limit quarantines the caller until `until`
  | 'malformed' // a non-protocol body (an HTML error page) with 200, nothing is done
  | 'doctype' // an answer that declares a DOCTYPE/entities, nothing is done
  | 'oversized' // a huge answer, nothing is done
  | 'numbersTaken'; // another writer saves documents under this call's numbers just before it is handled

export const FAULT_KINDS: readonly FaultKind[] = ['http500', 'slow', 'lostResponse', 'sessionExpiry', 'quarantine', 'malformed', 'doctype', 'oversized', 'numbersTaken'];

export interface FaultSpec {
  /** Operation (or route) name it applies to; absent = any call. */
  operation?: string;
  kind: FaultKind;
  /** How many matching calls it affects (default 1). */
  times?: number;
  /** For 'slow'. */
  delayMs?: number;
  /** For 'quarantine': ISO time the quarantine ends (default: the end of the current hour). */
  until?: string;
  /** For 'oversized': answer size in bytes. */
  sizeBytes?: number;
}

export interface ArmedFault extends FaultSpec {
  id: number;
  remaining: number;
}

export class FaultRegistry {
  private faults: ArmedFault[] = [];
  private nextId = 1;

  arm(spec: FaultSpec): ArmedFault {
    if (!FAULT_KINDS.includes(spec.kind)) throw new Error(`unknown fault kind "${String(spec.kind)}" (one of ${FAULT_KINDS.join(', ')})`);
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('times must be a positive integer');
    const fault: ArmedFault = { ...spec, id: this.nextId++, remaining: times };
    this.faults.push(fault);
    return fault;
  }

  /** The first armed fault matching this operation, consumed once; undefined when none. */
  take(operation: string): ArmedFault | undefined {
    const fault = this.faults.find((f) => f.operation === undefined || f.operation.toLowerCase() === operation.toLowerCase());
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  list(): ArmedFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
