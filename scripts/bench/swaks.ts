import { execFile, execFileSync } from 'node:child_process';

// ---------------------------------------------------------------------------------------------- swaks
export function swaksAvailable(): string | undefined {
  try {
    execFileSync('perl', ['-MNet::SSLeay', '-e', '1'], { stdio: 'ignore' });
    const v = execFileSync('swaks', ['--version'], { encoding: 'utf8' }).split('\n')[0]!.trim();
    return v;
  } catch {
    return undefined;
  }
}

export function swaks(port: number, implicit: boolean, user: string, pass: string): Promise<number> {
  const t0 = performance.now();
  const args = ['--server', `127.0.0.1:${port}`, implicit ? '--tls-on-connect' : '--tls', '--quit-after', 'AUTH', '-a', 'PLAIN', '-au', user, '-ap', pass, '--suppress-data'];
  return new Promise((resolve, reject) =>
    execFile('swaks', args, { encoding: 'utf8' }, (err, out) => {
      const ms = performance.now() - t0;
      if (err || !/^<~? +235 /m.test(out)) reject(new Error(`swaks failed: ${err?.message ?? out.slice(-300)}`));
      else resolve(ms);
    }),
  );
}

