// The emulator in a child process, for measurements where its own buffers must not count (memory).
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export interface EmulatorProcess {
  readonly url: string;
  readonly apiBase: string;
  readonly key: string;
  scenario(name: string): Promise<void>;
  stop(): void;
}

export function startEmulatorProcess(): Promise<EmulatorProcess> {
  const cli = path.join(__dirname, 'cli.js');
  const child: ChildProcess = spawn(process.execPath, [cli, '--port=0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator process did not start: ${out}`)), 15_000);
    child.on('error', reject);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
      const key = /Demo Pool API key: (\S+)/.exec(out)?.[1];
      if (!url || !key) return;
      clearTimeout(timer);
      resolve({
        url,
        apiBase: `${url}/v1`,
        key,
        scenario: async (name) => {
          const res = await fetch(`${url}/__emulator/scenario/${name}`);
          if (!res.ok) throw new Error(`scenario ${name}: HTTP ${res.status}`);
        },
        stop: () => void child.kill('SIGTERM'),
      });
    });
  });
}
