/** The pause before reconnect attempt `attempt` (from 1): 1 s, 2 s, 4 s… up to 30 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
}
