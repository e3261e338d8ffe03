export type Params = Readonly<Record<string, string | number>>;

/** Replaces {name} placeholders; an unknown placeholder stays visible so a test can catch it. */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
