import type { browser } from 'wxt/browser';
import type { fillForm, fillValidationDialog, FillResult } from '@/dom/crm-form-locator';
import type { FillDraft, FormValues } from '@/lib/drafts';
import type { PageState } from './page-state';

// The contract between the content script (entrypoints/crm.content/, on every CRM page) and the panel's
// lazily injected script (entrypoints/crm-panel/). The panel gets the page's state and the locator's
// functions from the content script instead of bundling its own copies (and its own webextension-polyfill).
// Only types cross this file into the panel: a value import from crm.content would bundle the locator twice.

/** The custom element each panel lives in (its open shadow root holds the card). */
export const PANEL_TAG = 'mailserver-assistent';

/**
 * Where the injected panel script leaves its factory for the content script. Both run in the extension's
 * isolated world (Chrome) or content-script sandbox (Firefox) of the same frame: the page cannot see or set it.
 */
export const PANEL_GLOBAL = '__mailserverAssistentPanel';

export type Kind = 'smtp' | 'rights' | 'validation';

/** What the content script lends the panel. */
export interface PanelHost {
  s: PageState;
  browser: typeof browser;
  /** The form's values now, located afresh, with the wizard's mode. */
  formValues(): { values: FormValues; password: string | undefined };
  /** Fills the SMTP form, retrying the fields the CRM reveals late (form-actions.ts). */
  applyFill(draft: FillDraft): Promise<FillResult>;
  fillForm: typeof fillForm;
  fillValidationDialog: typeof fillValidationDialog;
  /** Scrolls to the Rechten block "Eigen mailserver" and flashes its outline. */
  pointAtRight(): boolean;
}

/** What the panel does for the content script. */
export interface PanelUi {
  /** Mounts, moves, updates or removes each panel to match `s.screens`, and refreshes the findings. */
  sync(): void;
  /** Re-renders the panels (new data). */
  render(): void;
  /** Asks the background for findings on the form's values now, then re-renders. */
  refresh(): void;
  has(kind: Kind): boolean;
  removeAll(): void;
}

export type CreatePanelUi = (host: PanelHost) => PanelUi;
