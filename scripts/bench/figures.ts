// The bench's figures: each with its unit, its comparison, its goal and the machine (bench/results.json).
import os from 'node:os';

// ---------------------------------------------------------------------------------------------- figures
export interface Figure {
  name: string;
  value: number;
  unit: string;
  comparison: string;
  goal?: string;
  met?: boolean;
  machine: string;
}
export const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}, Node ${process.version}`;
export const figures: Figure[] = [];
export const record = (f: Omit<Figure, 'machine'>) => {
  figures.push({ ...f, value: Math.round(f.value * 100) / 100, machine });
  const mark = f.met === undefined ? '' : f.met ? '  ✓' : '  ✗ goal missed';
  console.log(`  ${f.name.padEnd(62)} ${String(Math.round(f.value * 100) / 100).padStart(9)} ${f.unit.padEnd(3)} ${f.comparison}${mark}`);
};
export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
export const med = (xs: number[]) => pct(xs, 50);
export type BenchRecord = typeof record;
