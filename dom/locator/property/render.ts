import { ENCRYPTION_LABELS } from '@/lib/crm-labels';
import { AUTH, ENC, TEXT_FIELDS, type ChoiceSpec, type FieldSpec, type Layout, type PageSpec, type TF, type Twin } from './spec';

/** Renders a generated PageSpec to HTML. Real controls carry data-real, twins data-decoy, unrelated fields data-extra. */

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const OPTION_TEXT: Record<string, string> = {
  ...Object.fromEntries(ENC.map((o) => [`enc:${o}`, ENCRYPTION_LABELS[o]])),
  // The CRM's own typo (help text: "Gebruikernaam en wachtwoord").
  'auth:password': 'Gebruikernaam en wachtwoord',
  'auth:ip-whitelist': 'IP Whitelisting',
};

export function renderPage(spec: PageSpec): string {
  let n = spec.idBase;
  const id = () => `id_${n++}`;
  const type = (f: TF) => (f === 'password' ? 'password' : 'text');

  const twinHtml = (kind: Twin, f: TF) => {
    const d = `name="${f}" data-decoy="${f}:${kind}"`;
    const t = type(f);
    switch (kind) {
      case 'hidden-input': return `<input type="hidden" value="x" ${d}>`;
      case 'display-none': return `<input type="${t}" style="display:none" ${d}>`;
      case 'class-hidden': return `<input type="${t}" class="gone" ${d}>`;
      case 'offscreen': return `<input type="${t}" style="position:absolute;left:-9999px" ${d}>`;
      case 'zero': return `<input type="${t}" style="width:0;height:0;border:0;padding:0" ${d}>`;
      case 'disabled': return `<input type="${t}" disabled ${d}>`;
      case 'readonly': return `<input type="${t}" readonly ${d}>`;
      case 'aria-hidden': return `<span aria-hidden="true"><input type="${t}" ${d}></span>`;
      case 'hidden-attr': return `<input type="${t}" hidden ${d}>`;
    }
  };

  const controls = (f: TF, fs: FieldSpec, rid: string) => {
    const value = f === 'password' ? '' : spec.initial[f];
    const real = `<input type="${type(f)}" id="${rid}" name="ctl00$${rid}" value="${esc(value)}" data-real="${f}">`;
    return [...fs.twins.filter((t) => t.before).map((t) => twinHtml(t.kind, f)), real, ...fs.twins.filter((t) => !t.before).map((t) => twinHtml(t.kind, f))].join('');
  };

  const fieldHtml = (f: TF): string => {
    const fs = spec.fields[f];
    const rid = id();
    const label = fs.placement === 'for' ? `<label for="${rid}">${esc(fs.label)}</label>` : esc(fs.label);
    const ctl = controls(f, fs, rid);
    const hiddenTwin = `<input type="${type(f)}" name="${f}" data-decoy="${f}:row">`;
    switch (spec.layout) {
      case 'table': {
        const hidden = fs.hiddenRowBefore ? `<tr style="display:none"><td>${esc(fs.label)}</td><td>${hiddenTwin}</td></tr>` : '';
        if (fs.placement === 'above') return `${hidden}<tr><td class="lbl">${label}</td></tr><tr><td>${ctl}</td></tr>`;
        return `${hidden}<tr><td class="lbl">${label}</td><td>${ctl}</td><td class="help">Uitleg bij het veld.</td></tr>`;
      }
      case 'grid': {
        const hidden = fs.hiddenRowBefore ? `<div style="display:none"><div>${esc(fs.label)}</div><div>${hiddenTwin}</div></div>` : '';
        if (fs.placement === 'above') return `${hidden}<div class="full"><div class="lbl">${label}</div><div>${ctl}</div></div>`;
        return `${hidden}<div class="lbl">${label}</div><div>${ctl}</div>`;
      }
      case 'dl': {
        const hidden = fs.hiddenRowBefore ? `<div hidden><dt>${esc(fs.label)}</dt><dd>${hiddenTwin}</dd></div>` : '';
        if (fs.placement === 'above') return `${hidden}<div class="pair"><dt>${label}</dt><dd>${ctl}</dd></div>`;
        return `${hidden}<dt>${label}</dt><dd>${ctl}</dd>`;
      }
      case 'fieldset': {
        const hidden = fs.hiddenRowBefore ? `<p class="gone"><label>${esc(fs.label)}</label> ${hiddenTwin}</p>` : '';
        if (fs.placement === 'wrap') return `${hidden}<p><label>${label} ${ctl}</label></p>`;
        if (fs.placement === 'for') return `${hidden}<p>${label} ${ctl}</p>`;
        return `${hidden}<p><label>${label}</label> ${ctl}</p>`;
      }
    }
  };

  /** One choice (native radio, custom radio) with its label; `mark` is data-real or data-decoy. */
  const option = (group: string, key: string, cs: ChoiceSpec, checked: boolean, mark: string, name: string): string[] => {
    const text = esc(OPTION_TEXT[key]!);
    if (cs.kind === 'custom') return [`<span role="radio" tabindex="0" data-group="${name}" aria-checked="${checked}" ${mark}="${key}">${text}</span>`];
    const oid = id();
    const input = `<input type="radio" name="${name}" id="${oid}" value="${key.split(':')[1]}" ${checked ? 'checked' : ''} ${mark}="${key}">`;
    switch (cs.optionLabel) {
      case 'for': return [`${input}<label for="${oid}">${text}</label>`];
      case 'wrap': return [`<label>${input} ${text}</label>`];
      case 'bare': return [`${input} ${text}`];
      case 'next-cell': return [input, text];
    }
  };

  /** A choice group as cells/blocks for the layout; `copy` renders the hidden decoy copy. */
  const choiceHtml = (group: 'enc' | 'auth', cs: ChoiceSpec, copy: boolean): string => {
    const opts = group === 'enc' ? ENC : AUTH;
    const want = group === 'enc' ? spec.initial.encryption : spec.initial.auth;
    const title = group === 'enc' ? 'Encryptie' : 'Authenticatie';
    const mark = copy ? 'data-decoy' : 'data-real';
    const name = `${copy ? 'copy' : 'ctl00'}$${group}${n++}`;
    // The copy has another option checked: reading it would give the wrong answer.
    const isOn = (o: string) => (copy ? o !== want && o === opts.find((x) => x !== want) : o === want);
    if (cs.kind === 'select') {
      const options = opts.map((o, i) => `<option value="${i}" ${isOn(o) ? 'selected' : ''} ${mark}="${group}:${o}">${esc(OPTION_TEXT[`${group}:${o}`]!)}</option>`).join('');
      const sel = `<select name="${name}" ${mark}="${group}">${options}</select>`;
      return wrapGroup(spec.layout, title, [[sel]], copy);
    }
    const parts = opts.map((o) => option(group, `${group}:${o}`, cs, isOn(o), mark, name));
    const rows: string[][] = [];
    for (let i = 0; i < parts.length; i += cs.perRow) rows.push(parts.slice(i, i + cs.perRow).flat());
    if (cs.kind === 'custom' && spec.layout !== 'table') return wrapGroup(spec.layout, title, rows.map((r) => [`<div role="radiogroup" aria-label="${title}">${r.join(' ')}</div>`]), copy);
    return wrapGroup(spec.layout, title, rows, copy);
  };

  const form = [
    ...TEXT_FIELDS.slice(0, 2).map(fieldHtml),
    spec.encryption.hiddenCopy ? choiceHtml('enc', spec.encryption, true) : '',
    choiceHtml('enc', spec.encryption, false),
    spec.auth.hiddenCopy ? choiceHtml('auth', spec.auth, true) : '',
    choiceHtml('auth', spec.auth, false),
    spec.extras.includes('afzender') ? extraField(spec.layout, 'Afzendernaam', id()) : '',
    ...TEXT_FIELDS.slice(2).map(fieldHtml),
    spec.extras.includes('omschrijving') ? extraField(spec.layout, 'Omschrijving', id()) : '',
  ].join('\n');
  const body = wrapLayout(spec.layout, form);
  const formEl = `<form id="${id()}" onsubmit="return false">${body}<button type="button">Valideren</button></form>`;
  const top = `<div class="topbar">perfectview ${spec.extras.includes('search') ? '<input type="search" name="host" placeholder="Zoeken" data-extra="search">' : ''}</div>
<div class="menu"><a href="#">Rechten</a> <a href="#">Eigen mailserver</a></div>`;
  const page =
    spec.container === 'inline'
      ? `<div class="content"><h1>Eigen e-mailserver</h1><p>Server instellingen</p>${formEl}</div>`
      : spec.container === 'modal'
        ? `<div class="mask" style="position:fixed;inset:0;background:rgba(0,0,0,.4)"></div><div role="dialog" aria-modal="true" style="position:fixed;top:40px;left:40px;right:40px;bottom:40px;overflow:hidden;background:#fff"><div class="x-title">Eigen mailserver</div>${formEl}</div>`
        : `<dialog open><h2>Eigen mailserver</h2>${formEl}</dialog>`;
  return `<style>.gone{display:none} .grid{display:grid;grid-template-columns:12em 1fr} .grid .full{grid-column:1/-1}</style>\n${top}\n${page}`;
}

function wrapLayout(layout: Layout, inner: string): string {
  switch (layout) {
    case 'table': return `<table class="settings"><tbody>${inner}</tbody></table>`;
    case 'grid': return `<div class="grid">${inner}</div>`;
    case 'dl': return `<dl>${inner}</dl>`;
    case 'fieldset': return `<fieldset><legend>Server instellingen</legend>${inner}</fieldset>`;
  }
}

/** A group's rows (each a list of cells) with its title, in the layout's shape; a copy is hidden as a whole. */
function wrapGroup(layout: Layout, title: string, rows: string[][], copy: boolean): string {
  switch (layout) {
    case 'table': {
      const width = Math.max(...rows.map((r) => r.length));
      const trs = rows.map((r, i) => `<tr${copy ? ' style="display:none"' : ''}><td class="lbl">${i === 0 ? title : ''}</td>${r.map((c) => `<td>${c}</td>`).join('')}${'<td></td>'.repeat(width - r.length)}</tr>`);
      return trs.join('');
    }
    case 'grid': {
      const block = `<div class="lbl">${title}</div><div>${rows.map((r) => `<div>${r.join(' ')}</div>`).join('')}</div>`;
      return copy ? `<div class="full" style="display:none">${block}</div>` : block;
    }
    case 'dl': {
      const block = `<dt>${title}</dt><dd>${rows.map((r) => `<div>${r.join(' ')}</div>`).join('')}</dd>`;
      return copy ? `<div hidden>${block}</div>` : block;
    }
    case 'fieldset':
      return `<fieldset${copy ? ' class="gone"' : ''}><legend>${title}</legend>${rows.map((r) => `<div>${r.join(' ')}</div>`).join('')}</fieldset>`;
  }
}

function extraField(layout: Layout, label: string, rid: string): string {
  const input = `<input type="text" id="${rid}" name="${rid}" value="" data-extra="${label}">`;
  switch (layout) {
    case 'table': return `<tr><td>${label}</td><td>${input}</td></tr>`;
    case 'grid': return `<div>${label}</div><div>${input}</div>`;
    case 'dl': return `<dt>${label}</dt><dd>${input}</dd>`;
    case 'fieldset': return `<p><label for="${rid}">${label}</label> ${input}</p>`;
  }
}
