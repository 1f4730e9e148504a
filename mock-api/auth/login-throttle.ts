/**
 * Failed logins per username within a sliding window, counted the way DRF's
 * SimpleRateThrottle keeps its history: once `limit` failures are in the window,
 * further attempts wait until the oldest one leaves it.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before this username may try again, or null when it may try now. */
  waitSeconds(username: string): number | null {
    const recent = this.recent(username);
    if (recent.length < this.limit) return null;
    const oldest = recent[0] ?? this.now();
    return (this.windowMs - (this.now() - oldest)) / 1000;
  }

  /** Counts a failure of `username` now; returns its time, which `withdrawFailure` takes. */
  recordFailure(username: string): number {
    const recent = this.recent(username);
    const at = this.now();
    recent.push(at);
    this.failures.set(username, recent);
    if (this.failures.size > 10_000) this.forgetIdle();
    return at;
  }

  /** Takes back the failure recorded at `at`: a login counted before its password check succeeded. */
  withdrawFailure(username: string, at: number): void {
    const times = this.failures.get(username) ?? [];
    const index = times.indexOf(at);
    if (index >= 0) times.splice(index, 1);
  }

  private recent(username: string): number[] {
    const since = this.now() - this.windowMs;
    const recent = (this.failures.get(username) ?? []).filter((t) => t > since);
    if (recent.length === 0) this.failures.delete(username);
    return recent;
  }

  /** Guessed usernames must not grow memory without bound. */
  private forgetIdle(): void {
    const since = this.now() - this.windowMs;
    for (const [username, times] of this.failures) {
      if ((times.at(-1) ?? 0) <= since) this.failures.delete(username);
    }
  }
}
