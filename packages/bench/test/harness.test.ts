/**
 * Smoke test of the benchmark harness (the benchmark itself is `pnpm bench`, not a test): every
 * contender prepares, succeeds on the small response (its check) and runs a couple of timed
 * operations; the report renders its tables and targets. Allocation (a child process on the built
 * package) is left to the real run. Also: the floor and ours refuse a tampered response, so a
 * contender that "passes" everything cannot hide in the table.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isUnsupported } from '../src/contender.js';
import { forgetfulReplayCache, validateOrThrow, validationOptions } from '../src/contenders/ours.js';
import { makeFloor } from '../src/floor.js';
import { runLoad } from '../src/http/load.js';
import { buildWorld } from '../src/inputs.js';
import { CONTENDER_IDS, contenderById } from '../src/registry.js';
import { targets, toMarkdown } from '../src/report.js';
import { runBench } from '../src/run.js';

describe('benchmark harness', () => {
  it('runs one round of every contender on the small response and reports it', async () => {
    const lines: string[] = [];
    const result = await runBench({
      inputs: ['small-assertion'],
      contenders: CONTENDER_IDS,
      plan: { warmupMs: 0, minWarmupOps: 1, rounds: 1, budgetMs: 0, minSamples: 1 },
      allocationReps: 0,
      log: (l) => lines.push(l),
      quick: true,
    });
    const rows = result.inputs[0]?.rows ?? [];
    expect(rows.map((r) => r.id)).toEqual(CONTENDER_IDS);
    // Every contender succeeded on the input (nothing failed, nothing unsupported on this input).
    expect(rows.filter((r) => r.status !== 'ok').map((r) => `${r.id}: ${r.note}`)).toEqual([]);
    for (const r of rows) expect(r.timing?.medianNs).toBeGreaterThan(0);
    const report = { ...result, http: null };
    const md = toMarkdown(report);
    expect(md).toContain('| floor: decode + parse + c14n + SHA-256 + RSA verify |');
    expect(targets(report).map((t) => t.target)).toContain('small-assertion: validation ≤ 1.5× floor');
  }, 120_000);

  it('refuses a tampered response in the floor and in our validation', async () => {
    const { world, factory } = buildWorld({ only: ['small-assertion'] });
    const input = world.inputs[0]!;
    const tampered = Buffer.from(input.xml.replace('Platform Engineering', 'Finance'), 'utf8').toString(
      'base64',
    );
    expect(() => makeFloor(world, input).run(tampered)).toThrow(/digest mismatch/);
    await expect(validateOrThrow(tampered, validationOptions(world), forgetfulReplayCache)).rejects.toThrow(
      /SIGNATURE_INVALID|DIGEST/,
    );
    // Encrypted inputs: xml-crypto alone cannot decrypt, and says so instead of failing.
    const enc = buildWorld({ only: ['encrypted-gcm'] });
    const p = await contenderById('xml-crypto').prepare(enc.world.inputs[0]!, {
      world: enc.world,
      factory,
      scratch: '/nonexistent',
      quick: true,
    });
    expect(isUnsupported(p)).toBe(true);
  }, 60_000);

  it('load generator: posts every body once at the given concurrency, and targets only 127.0.0.1', async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        seen.push(body);
        res.writeHead(body === 'fail' ? 500 : 303, { location: '/' }).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const bodies = Array.from({ length: 20 }, (_, i) => `b${i}`);
      const ok = await runLoad({
        url: `http://127.0.0.1:${port}/acs`,
        bodies: [...bodies, 'fail'],
        concurrency: 4,
        maxDurationMs: 10_000,
        expectStatus: 303,
      });
      expect(ok.sent).toBe(21);
      expect(ok.failures).toBe(1);
      expect(ok.failureKinds).toEqual({ 'HTTP 500': 1 });
      expect([...seen].sort()).toEqual([...bodies, 'fail'].sort());
    } finally {
      server.close();
    }
    await expect(
      runLoad({
        url: 'http://localhost:1/acs',
        bodies: ['x'],
        concurrency: 1,
        maxDurationMs: 10,
        expectStatus: 303,
      }),
    ).rejects.toThrow(/only targets http:\/\/127\.0\.0\.1/);
  });
});
