/**
 * Executor identities are `host/pid/random`. After a crash, start-up recovery can tell that a
 * lease's owner on this machine is gone (its pid no longer runs) and take the work back at once
 * instead of waiting for the lease to expire.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

const liveInThisProcess = new Set<string>();

export function newExecutorId(): string {
  const id = `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  liveInThisProcess.add(id);
  return id;
}

export function retireExecutorId(id: string): void {
  liveInThisProcess.delete(id);
}

/** True only when we can prove the owner is dead: same host, and its process is gone. */
export function ownerIsDead(owner: string | null): boolean {
  if (!owner) return true;
  const [host, pidText] = owner.split('/');
  if (host !== hostname()) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !liveInThisProcess.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
