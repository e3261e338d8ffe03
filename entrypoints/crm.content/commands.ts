import { detectScreens } from '@/dom/crm-form-locator';
import { isContentCommand, passwordState } from '@/messaging/content-command';
import type { ApplyFillResponse, PointResponse, ReadResponse, StatusResponse } from '@/messaging/messages';
import { applyFill } from './form-actions';
import { formValues, type PageState } from './page-state';

/**
 * Commands from the background (on behalf of the popup or the wizard): only this extension's background,
 * which has no tab, is listened to. The content script reads and fills; the background decides.
 */
export function createCommandHandler(s: PageState, runtimeId: string, loadData: () => Promise<void>, onPoint: () => boolean) {
  return (raw: unknown, sender: { id?: string; tab?: unknown }): Promise<StatusResponse | ReadResponse | ApplyFillResponse | PointResponse> | undefined => {
    if (sender.id !== runtimeId || sender.tab) return undefined;
    if (!isContentCommand(raw)) return undefined;
    s.screens = detectScreens(s.doc);
    const status = (): StatusResponse => ({
      screen: s.screens.validation ? 'validation' : s.screens.smtp ? 'smtp' : s.screens.rights ? 'rights' : 'none',
      smtpForm: !!s.screens.smtp,
      validationDialog: !!s.screens.validation,
      right: s.screens.rights?.state,
      origin: s.doc.location.origin,
    });
    switch (raw.type) {
      case 'crm/status':
        return Promise.resolve(status());
      case 'crm/read':
        // The values carry the wizard's mode (crm/panel-data): asked for here when no screen has asked yet.
        return loadData().then(() => {
          const { values, password } = formValues(s);
          return { status: status(), values, password: passwordState(password), url: s.doc.location.href };
        });
      case 'crm/apply-fill': {
        const { draft, origin } = raw;
        if (origin !== s.doc.location.origin || origin !== s.startOrigin) return Promise.resolve({ ok: false, error: 'navigated', filled: [], skipped: [] });
        if (!s.screens.smtp) return Promise.resolve({ ok: false, error: 'no-form', filled: [], skipped: [] });
        return applyFill(s, draft).then((r) => ({ ok: true, filled: r.filled, skipped: r.skipped }));
      }
      case 'crm/point-at-right':
        return Promise.resolve({ ok: onPoint(), right: s.screens.rights?.state });
    }
  };
}
