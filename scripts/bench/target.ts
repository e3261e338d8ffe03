// What the bench probes: Debian's Postfix + Dovecot when scripts/postfix-check.sh set them up, else in-process smtp-servers.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { makeCert, startSmtp } from '../../server/testing/smtp';

// ---------------------------------------------------------------------------------------------- target
export interface Target {
  kind: string;
  starttls: number;
  implicit: number;
  user: string;
  pass: string;
  ca: string[];
  note: string;
  close(): Promise<void>;
}

function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(1000, () => done(false));
    s.once('data', (d) => done(d.toString().startsWith('220')));
    s.once('error', () => done(false));
  });
}

export async function pickTarget(): Promise<Target> {
  const caFile = '/etc/postfix/msa-check/cert.pem';
  if (process.env.BENCH_TARGET !== 'inprocess' && existsSync(caFile)) {
    let version = '';
    try {
      version = execFileSync('postconf', ['-h', 'mail_version'], { encoding: 'utf8' }).trim();
    } catch {
      /* no postfix */
    }
    const implicitUp = await new Promise<boolean>((resolve) => {
      const s = tls.connect({ host: '127.0.0.1', port: 465, rejectUnauthorized: false }, () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (version && (await greets(587)) && implicitUp) {
      return {
        kind: `Postfix ${version} + Dovecot SASL on loopback (scripts/postfix-check.sh)`,
        starttls: 587,
        implicit: 465,
        user: process.env.BENCH_USER ?? 'crm@test.nl',
        pass: process.env.BENCH_PASS ?? 'Geheim-Postfix-42',
        ca: [readFileSync(caFile, 'utf8')],
        note: 'no fixed delay: Postfix greets at once',
        close: async () => {},
      };
    }
  }
  const cert = await makeCert(['smtp.bench.test', '127.0.0.1']);
  const users = { 'bench@bench.test': 'bench-password' };
  const [a, b] = await Promise.all([startSmtp({ cert, users }), startSmtp({ cert, users, secure: true })]);
  return {
    kind: 'in-process smtp-server (no Postfix found; run scripts/postfix-check.sh as root for the real one)',
    starttls: a.port,
    implicit: b.port,
    user: 'bench@bench.test',
    pass: 'bench-password',
    ca: [cert.cert],
    note: 'smtp-server greets 100 ms after the connect by itself: that fixed delay is in every figure',
    close: async () => void (await Promise.all([a.close(), b.close()])),
  };
}

