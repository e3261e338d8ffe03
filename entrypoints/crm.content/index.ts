import { defineContentScript } from 'wxt/utils/define-content-script';
import { crmMatches } from '@/lib/crm-matches';
import { startAssistant } from './assistant';

export default defineContentScript({
  // WXT evaluates this object in Node at build time: CRM_MATCHES there adds test/other CRM origins.
  // In the page `process` does not exist and the value is unused (the manifest already holds it).
  matches: crmMatches(typeof process === 'undefined' ? undefined : process.env.CRM_MATCHES),
  allFrames: false,
  runAt: 'document_idle',
  main(ctx) {
    startAssistant(ctx);
  },
});
