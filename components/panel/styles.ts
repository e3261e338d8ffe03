/** The panel's own styles, inside its shadow root: the CRM's CSS does not reach in, ours does not leak out. */
export const PANEL_CSS = `
:host { all: initial; display: block; box-sizing: border-box; max-width: 560px; margin: 14px 0; font: 13px/1.45 system-ui, "Segoe UI", Arial, sans-serif; color: #1f2933; }
:host([data-place="aside"]) { margin: 0 0 0 16px; flex: 0 1 340px; min-width: 260px; }
:host([data-place="dialog"]) { margin: 0; max-width: none; }
* { box-sizing: border-box; }
:host([data-place="float"]) { position: fixed; z-index: 2147483646; margin: 0; max-width: calc(100vw - 16px); }
:host([data-place="float"]) .card { display: flex; flex-direction: column; max-height: var(--max-h, calc(100vh - 16px)); box-shadow: 0 6px 24px rgba(16, 42, 67, .28); }
:host([data-place="float"]) .body { overflow: auto; min-height: 0; padding-bottom: 0; scroll-padding-bottom: 96px; }
:host([data-place="float"]) .body > .actions { position: sticky; bottom: 0; background: #fff; padding: 8px 0 12px; border-top: 1px solid #e4e9ef; z-index: 1; }
.move { display: none; background: none; border: 0; color: #52606d; cursor: move; font: inherit; padding: 2px 4px; touch-action: none; }
:host([data-place="float"]) .move { display: inline-block; }
.card { background: #fff; border: 1px solid #c9d3de; border-left: 4px solid #2b6cb0; border-radius: 6px; box-shadow: 0 1px 4px rgba(16, 42, 67, .08); }
:host([data-place="dialog"]) .card { border-radius: 0; border-width: 1px 0 0 0; box-shadow: none; border-left: 0; background: #f7fafc; }
header { display: flex; align-items: center; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #e4e9ef; }
header .logo { width: 18px; height: 18px; border-radius: 4px; background: #2b6cb0; color: #fff; font-weight: 700; font-size: 11px; display: grid; place-items: center; flex: none; }
header h2 { margin: 0; font-size: 13px; font-weight: 600; flex: 1; }
header .sub { color: #52606d; font-weight: 400; }
.toggle, .move { flex: none; }
.toggle { background: none; border: 0; color: #2b6cb0; cursor: pointer; font: inherit; padding: 2px 4px; }
.body { padding: 10px 12px 12px; display: grid; gap: 10px; }
.collapsed .body { display: none; }
.collapsed header { border-bottom: 0; }
h3 { margin: 0 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #52606d; font-weight: 600; }
ul.findings { list-style: none; margin: 0; padding: 0; display: grid; gap: 5px; }
.finding { display: block; padding: 6px 8px; border-radius: 4px; background: #f5f7fa; }
.finding .sev { display: inline-block; margin-right: 6px; font-size: 11px; font-weight: 700; border-radius: 3px; padding: 1px 6px; white-space: nowrap; }
.finding-error { background: #fdecec; } .finding-error .sev { background: #c53030; color: #fff; }
.finding-warning { background: #fff6e5; } .finding-warning .sev { background: #b7791f; color: #fff; }
.finding-info { background: #ebf4ff; } .finding-info .sev { background: #2b6cb0; color: #fff; }
.ok { color: #276749; background: #f0fff4; padding: 6px 8px; border-radius: 4px; margin: 0; }
details > summary { cursor: pointer; color: #2b6cb0; }
details > ul.findings { margin-top: 6px; }
.presets { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.chip { border: 1px solid #9fb3c8; background: #fff; color: #243b53; border-radius: 14px; padding: 3px 11px; cursor: pointer; font: inherit; }
.chip[aria-pressed="true"] { background: #2b6cb0; border-color: #2b6cb0; color: #fff; }
select { font: inherit; padding: 3px 6px; border: 1px solid #9fb3c8; border-radius: 14px; background: #fff; color: #243b53; max-width: 200px; }
.preview { margin: 0; color: #52606d; font-size: 12px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; }
button.primary, button.secondary { font: inherit; font-weight: 600; border-radius: 4px; padding: 6px 14px; cursor: pointer; }
button.primary { background: #2b6cb0; color: #fff; border: 1px solid #2b6cb0; }
button.primary:hover { background: #245a94; }
button.secondary { background: #fff; color: #2b6cb0; border: 1px solid #9fb3c8; }
button:disabled { opacity: .55; cursor: default; }
button:focus-visible, select:focus-visible { outline: 2px solid #f6ad55; outline-offset: 2px; }
.status { margin: 0; padding: 6px 8px; border-radius: 4px; background: #ebf4ff; }
.status.error { background: #fdecec; color: #9b2c2c; }
.status.ok { background: #f0fff4; color: #276749; }
details summary { cursor: pointer; color: #2b6cb0; }
pre { white-space: pre-wrap; word-break: break-word; background: #f5f7fa; border: 1px solid #e4e9ef; padding: 8px; margin: 6px 0 0; font: 11px/1.4 ui-monospace, Consolas, monospace; max-height: 220px; overflow: auto; }
ol { margin: 0; padding-left: 20px; display: grid; gap: 3px; }
.warn { margin: 0; padding: 6px 8px; border-radius: 4px; background: #fff6e5; }
.pointer { display: flex; gap: 8px; align-items: flex-start; }
.pointer .arrow { font-size: 18px; line-height: 1; color: #dd6b20; }
.badge { display: inline-block; font-size: 11px; font-weight: 700; border-radius: 3px; padding: 1px 6px; margin-right: 4px; background: #718096; color: #fff; }
.badge.state-on { background: #2f855a; } .badge.state-off { background: #c53030; }
.finding .fix { display: block; margin-top: 5px; }
button.fix { font: inherit; font-weight: 600; color: #fff; background: #2f855a; border: 0; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
.probe { display: grid; gap: 8px; }
ol.steps { list-style: none; padding: 0; gap: 2px; font-size: 12px; }
.steps li { display: grid; grid-template-columns: 16px minmax(0, 13em) 1fr auto; gap: 6px; }
.steps .ms { color: #52606d; font-variant-numeric: tabular-nums; }
.steps .msg { color: #52606d; overflow-wrap: anywhere; }
.s-ok .i { color: #2f855a; } .s-fail .i { color: #c53030; } .s-warn .i { color: #b7791f; } .s-skipped, .s-pending { color: #8795a1; }
.detected { margin: 0; font-size: 12px; }
.s-current { color: #2b6cb0; }
.spin { display: inline-block; width: 10px; height: 10px; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spin { animation: none; border-right-color: currentColor; opacity: .6; } }
`;
