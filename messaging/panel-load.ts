// The panel loads lazily (issue 11): the content script that runs on every CRM page holds only the locator
// and the command handling; when one of the three screens is on the page it asks the background for the
// panel, and the background injects the panel's script into that tab's top frame (scripting.executeScript).
// Kept free of zod: the content script imports this.

/** The content script's request: "a screen is here, inject the panel" (background/panel-inject.ts answers it). */
export const PANEL_LOAD = 'crm/panel-load';

/** The panel's script (entrypoints/crm-panel/, a WXT unlisted script). Injected by the background, never web-accessible. */
export const PANEL_SCRIPT = '/crm-panel.js';
