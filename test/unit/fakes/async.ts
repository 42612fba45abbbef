// Not a port: a deferred (a promise a test settles when it chooses) and flush() (let queued callbacks
// run), for ordering async work in tests.

export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise callback run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}

/**
 * Until `condition` holds, looking again as real I/O goes on (a request reaching the emulator); rejects
 * after `rounds` looks (about a millisecond each) with `what` in the message.
 */
export async function until(what: string, condition: () => boolean, rounds = 5000): Promise<void> {
  for (let i = 0; !condition(); i++) {
    if (i >= rounds) throw new Error(`never happened: ${what}`);
    await new Promise<void>((r) => setTimeout(r, 1));
  }
}
