/**
 * CPU time per process, to tell a slow part from a starved one: on a machine of few cores the pipeline's processes
 * (the worker with PGlite, the sandboxes, the Temporal server) share them, and their CPU seconds summed and divided
 * by the cores is the shortest the run could take there, whatever runs in parallel.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Linux's USER_HZ, which /proc reports CPU times in (100 on every mainstream kernel build). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds a process has used so far; undefined where /proc is not there (not Linux) or it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

export interface CpuShare {
  /** CPU seconds per process over the measured span. */
  seconds: Record<string, number>;
  total: number;
  cores: number;
  /** total / cores: no schedule of this work on this machine finishes sooner. */
  floorSeconds: number;
}

/** Starts counting the named processes' CPU; the returned function gives each one's seconds since. */
export function measureCpu(pids: Record<string, number>): () => CpuShare {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return () => {
    const seconds: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids)) {
      const now = cpuSeconds(pid);
      if (now !== undefined && before[name] !== undefined) seconds[name] = Number((now - before[name]!).toFixed(2));
    }
    const total = Number(Object.values(seconds).reduce((a, b) => a + b, 0).toFixed(2));
    const cores = availableParallelism();
    return { seconds, total, cores, floorSeconds: Number((total / cores).toFixed(1)) };
  };
}
