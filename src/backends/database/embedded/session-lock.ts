// PGlite is one PostgreSQL session; everything that talks to it (the emulator's own statements and
// every client of the login front) takes turns through this FIFO lock.

export class SessionLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => released);
    return previous.then(() => release);
  }
}
