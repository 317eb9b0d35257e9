/**
 * The worker's sign of life (README, "Budget"). The client sends a heartbeat now and then while it
 * waits for answers; the worker echoes it from its message listener, which runs between tasks.
 * A worker waiting for data (the managed-policy catalog, say) still echoes at once; one stuck in
 * a costly decision cannot, and the client replaces it once it has been silent too long.
 */

/** A heartbeat, and its echo (the same value). */
export interface Heartbeat {
  heartbeat: number;
}

export function isHeartbeat(data: unknown): data is Heartbeat {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as Partial<Heartbeat>).heartbeat === 'number'
  );
}
