import { afterAll, expect } from 'vitest';
import { secretForms, suiteSecrecy } from './app';

// Runs after every backend test file: no log line or response body of any test app in the file may hold a
// password that was sent to it (plain, base64, or as an AUTH PLAIN blob), and no log line a validation code.
afterAll(() => {
  const forms = secretForms([...suiteSecrecy.passwords].map((pass) => ({ pass, user: [...suiteSecrecy.users][0] })));
  for (const pass of suiteSecrecy.passwords) for (const user of suiteSecrecy.users) forms.push(...secretForms([{ user, pass }]).slice(2));
  for (const text of [...suiteSecrecy.logs, ...suiteSecrecy.bodies]) {
    for (const f of forms) expect(text.includes(f), `a secret leaked into: ${text.slice(0, 200)}`).toBe(false);
  }
  for (const line of suiteSecrecy.logs) for (const code of suiteSecrecy.codes) expect(line.includes(code), `a code leaked into a log line: ${line.slice(0, 200)}`).toBe(false);
});
