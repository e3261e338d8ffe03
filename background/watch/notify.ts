import { browser } from 'wxt/browser';
import type { Finding } from '@/lib/findings';
import { findingText, type Lang } from '@/lib/i18n';
import { watchMessages } from '@/lib/i18n/watch';
import { problemKey } from '@/lib/watch/check';
import { readNotices, WATCH_NOTICES_KEY, type WatchNotice } from '@/lib/watch/record';

const PREFIX = 'watch:';
const KEEP = 50;

/** The notification's id names the finding, so a click can open the options page at it. */
export const noticeId = (f: Pick<Finding, 'code'>, at: number) => `${PREFIX}${problemKey(f)}:${at}`;

/** The finding code a notification id points at, or undefined when the id is not one of ours. */
export function codeOfNotice(id: string): string | undefined {
  if (!id.startsWith(PREFIX)) return undefined;
  const code = id.slice(PREFIX.length).replace(/:\d+$/, '');
  return /^[a-z0-9-]+$/.test(code) ? code : undefined;
}

/** The options page at a finding of the daily check (the Instellingen view, scrolled to it). */
export const optionsUrlFor = (code: string) => browser.runtime.getURL(`/options.html#watch-${code}` as '/options.html');

/**
 * One notification for one new problem. Every notice shown is also recorded in storage.session (codes and
 * times only): the admin's own record of what was said, and what the end-to-end test reads.
 */
export async function notifyProblem(f: Finding, at: number, lang: Lang): Promise<void> {
  const id = noticeId(f, at);
  if (browser.notifications) {
    try {
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: watchMessages[lang].notifyTitle,
        message: findingText(f, lang),
      });
    } catch {
      /* a notification that cannot be shown must not stop the check */
    }
  }
  const notice: WatchNotice = { key: problemKey(f), code: f.code, at, notificationId: id };
  const before = readNotices((await browser.storage.session.get(WATCH_NOTICES_KEY))[WATCH_NOTICES_KEY]);
  await browser.storage.session.set({ [WATCH_NOTICES_KEY]: [...before, notice].slice(-KEEP) });
}
