import { findingForReply } from '../replies';
import { replyText } from '../smtp/reply';
import type { SmtpConnection } from '../smtp/connection';
import type { ProbeRun } from './run';

/** EHLO: records the extensions, the AUTH mechanisms and (in the clear) whether STARTTLS is offered. True when 250. */
export async function ehloPhase(run: ProbeRun, conn: SmtpConnection): Promise<boolean> {
  const s = Date.now();
  try {
    const r = await conn.command(`EHLO ${run.opts.ehloName}`, run.budget.phase(run.t.command));
    if (r.code !== 250) {
      run.replyStep('ehlo', r, Date.now() - s, 'fail', `SMTP_${r.code}`);
      run.findings.push(findingForReply(r, 'ehlo', run.clean(replyText(r))));
      return false;
    }
    const ext = r.lines.slice(1).map((l) => l.trim()).filter(Boolean);
    run.server.extensions = ext.map((l) => l.slice(0, 120));
    run.server.authMechanisms = [...new Set(ext.filter((l) => /^AUTH[ =]/i.test(l)).flatMap((l) => l.slice(5).trim().toUpperCase().split(/\s+/)).filter(Boolean))];
    if (!conn.encrypted) run.server.startTls = ext.some((l) => /^STARTTLS\b/i.test(l));
    run.push({ step: 'ehlo', status: 'ok', ms: Date.now() - s, message: ext.map((l) => l.split(' ')[0]).join(' ').slice(0, 300) });
    return true;
  } catch (e) {
    run.failStep('ehlo', e, s, 'ehlo');
    return false;
  }
}
