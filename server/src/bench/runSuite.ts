import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { meetsTarget, type BenchmarkOutcome, type KeyResult } from './benchmark.js';
import { benchmarks } from './benchmarks.js';

export type MachineInfo = { cores: number; memory_gb: number; cpu: string; node: string; platform: string };

export type SuiteEntry = {
  benchmark: string;
  description: string;
  machine: MachineInfo;
  inputs: Record<string, unknown>;
  seconds: number;
  peak_rss_mb: number;
  details?: unknown;
  error?: string;
};

export type SuiteResults = {
  generated_at: string;
  quick: boolean;
  machine: MachineInfo;
  /** One entry per key, with its benchmark's inputs, machine and peak RSS. */
  keys: Record<
    string,
    | (KeyResult & { met: boolean; benchmark: string; peak_rss_mb: number })
    | { error: string; benchmark: string }
  >;
  benchmarks: SuiteEntry[];
};

export const machineInfo = (): MachineInfo => ({
  cores: cpus().length,
  memory_gb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
});

type WorkerOutput =
  ({ ok: true; seconds: number; peak_rss_mb: number } & BenchmarkOutcome) | { ok: false; error: string };

const runWorker = (name: string, quick: boolean, onLine: (line: string) => void): Promise<WorkerOutput> =>
  new Promise((resolve) => {
    const worker = fileURLToPath(new URL('./worker.js', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=12288', worker, name, ...(quick ? ['--quick'] : [])],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).forEach(onLine));
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(last) as WorkerOutput);
      } catch {
        resolve({ ok: false, error: `benchmark process exited with ${code} without a result` });
      }
    });
  });

export const runSuite = async (options: {
  quick: boolean;
  only?: readonly string[];
  log: (line: string) => void;
}): Promise<SuiteResults> => {
  const machine = machineInfo();
  const results: SuiteResults = {
    generated_at: new Date().toISOString(),
    quick: options.quick,
    machine,
    keys: {},
    benchmarks: [],
  };
  const selected = benchmarks.filter((b) => !options.only?.length || options.only.includes(b.name));
  for (const benchmark of selected) {
    options.log(`▶ ${benchmark.name}: ${benchmark.description}`);
    const output = await runWorker(benchmark.name, options.quick, (line) => options.log(`  ${line}`));
    if (!output.ok) {
      options.log(`  ✗ failed: ${output.error.split('\n')[0]}`);
      results.benchmarks.push({
        benchmark: benchmark.name,
        description: benchmark.description,
        machine,
        inputs: {},
        seconds: 0,
        peak_rss_mb: 0,
        error: output.error,
      });
      for (const key of benchmark.keys)
        results.keys[key] = { error: output.error.split('\n')[0] ?? 'failed', benchmark: benchmark.name };
      continue;
    }
    results.benchmarks.push({
      benchmark: benchmark.name,
      description: benchmark.description,
      machine,
      inputs: output.inputs,
      seconds: Math.round(output.seconds * 10) / 10,
      peak_rss_mb: output.peak_rss_mb,
      details: output.details,
    });
    for (const [key, value] of Object.entries(output.keys)) {
      const met = meetsTarget(value);
      results.keys[key] = { ...value, met, benchmark: benchmark.name, peak_rss_mb: output.peak_rss_mb };
      const bound = `${value.target.direction === 'at_most' ? '≤' : '≥'} ${value.target.value}`;
      options.log(`  ${met ? '✓' : '✗'} ${key} = ${value.value} ${value.unit} (target ${bound})`);
    }
  }
  return results;
};
