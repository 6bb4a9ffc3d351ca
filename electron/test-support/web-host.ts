import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './paths';

/** The built web host, as browser mode runs it; tests that need it skip when it has not been built. */
export const webHostEntry = path.join(repoRoot, 'out/main/web.js');

export interface RpcReply<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

export interface WebHost {
  child: ChildProcess;
  exited: Promise<number | null>;
  rpc<T>(channel: string, input: unknown): Promise<RpcReply<T>>;
}

/** Starts the web host as a child process with its own data folder and resolves once it listens. */
export async function startWebHost(dataDir: string): Promise<WebHost> {
  const child = spawn(process.execPath, [webHostEntry], {
    env: { ...process.env, WORKBENCH_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<URL>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /HTTP host listening on (\S+)/.exec(line);
      if (m) resolve(new URL(m[1] as string));
    });
    void exited.then((code) => reject(new Error(`web host exited with ${code}`)));
  });
  const token = url.searchParams.get('token') ?? '';
  return {
    child,
    exited,
    async rpc<T>(channel: string, input: unknown): Promise<RpcReply<T>> {
      const res = await fetch(`${url.origin}/rpc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-workbench-token': token },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(60_000),
      });
      return (await res.json()) as RpcReply<T>;
    },
  };
}
