import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli as cli } from './run-cli.ts';
import { parseDotenv } from '../simulator/adapters/cli/env-command.ts';
import { serve, type RunningServer } from '../simulator/adapters/server.ts';

// `dana-sim env --lang L`: what an app in each official SDK's language must set to reach the
// simulator, read from the data directory a running simulator wrote (merchant.env, tls/ca.pem).

/** Runs shell export lines through bash and reads one variable back, as `eval "$(dana-sim env ...)"` would. */
function evaluated(exports: string, name: string): string {
  const result = spawnSync('bash', ['-c', `set -e; eval "$EXPORTS"; printf %s "\${${name}}"`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, EXPORTS: exports },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

let dir: string;
let server: RunningServer;
let merchantEnv: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dana-sim-env-'));
  server = await serve({ dataDir: dir, host: '127.0.0.1', port: 0, fsync: false, background: false });
  merchantEnv = parseDotenv(await readFile(join(dir, 'merchant.env'), 'utf8'));
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => vi.unstubAllEnvs());

describe('dana-sim env', () => {
  it('reads merchant.env back exactly, multi-line keys included', () => {
    expect(merchantEnv.PRIVATE_KEY).toMatch(/^-----BEGIN PRIVATE KEY-----\n[\s\S]+\n-----END PRIVATE KEY-----\n?$/);
    expect(merchantEnv.DANA_SIM_URL).toBe(server.url);
    expect(parseDotenv('# comment\nA="x\\"y\\\\z\\nw"\nnot a line\n')).toEqual({ A: 'x"y\\z\nw' });
  });

  it('explains for Python: credentials, the CA, why the proxy is not enough, the hosts line and configuration.host', async () => {
    const ran = await cli('env', '--lang', 'python', '--data', dir);
    expect(ran.code).toBe(0);
    const ca = join(dir, 'tls', 'ca.pem');
    expect(ran.stdout).toContain(`simulator       ${server.url} (from server record ${join(dir, 'server.json')})`);
    expect(ran.stdout).toContain(`${ca}  (not created yet: start with \`dana-sim start --tls\`)`);
    expect(ran.stdout).toMatch(new RegExp(`^  X_PARTNER_ID +${merchantEnv.X_PARTNER_ID}$`, 'm'));
    expect(ran.stdout).toMatch(/^ {2}PRIVATE_KEY +\(-----BEGIN PRIVATE KEY----- \.\.\. from merchant\.env\)$/m);
    expect(ran.stdout).toMatch(new RegExp(`^  SSL_CERT_FILE +${ca}$`, 'm'));
    expect(ran.stdout).toMatch(new RegExp(`^  REQUESTS_CA_BUNDLE +${ca}$`, 'm'));
    expect(ran.stdout).toMatch(/^ {2}HTTPS_PROXY +http:\/\/127\.0\.0\.1:8788$/m);
    expect(ran.stdout).toContain('127.0.0.1 api.sandbox.dana.id api-sandbox.dana.id m.sandbox.dana.id dashboard-sandbox.dana.id');
    expect(ran.stdout).toContain(`configuration.host = "${server.url}"`);
    expect(ran.stdout).toContain('eval "$(dana-sim env --lang python --format shell)"');
  });

  it('prints shell exports that bash evaluates to the same values, and says on stderr where they come from', async () => {
    const ran = await cli('env', '--lang', 'go', '--data', dir, '--format', 'shell');
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain(
      `dana-sim: simulator at ${server.url} (from server record ${join(dir, 'server.json')}), data directory ${dir}`,
    );
    expect(ran.stderr).toContain(`dana-sim: no ${join(dir, 'tls', 'ca.pem')} yet: start with \`dana-sim start --tls\``);
    expect(evaluated(ran.stdout, 'PRIVATE_KEY')).toBe(merchantEnv.PRIVATE_KEY);
    expect(evaluated(ran.stdout, 'SSL_CERT_FILE')).toBe(join(dir, 'tls', 'ca.pem'));
    expect(evaluated(ran.stdout, 'HTTPS_PROXY')).toBe('http://127.0.0.1:8788');
    expect(evaluated(ran.stdout, 'DANA_SIM_URL')).toBe(server.url);
    expect(ran.stdout).toContain(`#   cfg.Servers = config.ServerConfigurations{{URL: "${server.url}"}}`);
  });

  it('prints a dotenv file that parses back to the same values', async () => {
    const ran = await cli('env', '--lang', 'node', '--data', dir, '--format', 'dotenv', '--proxy-port', '9999');
    const parsed = parseDotenv(ran.stdout);
    expect(parsed.PRIVATE_KEY).toBe(merchantEnv.PRIVATE_KEY);
    expect(parsed.NODE_EXTRA_CA_CERTS).toBe(join(dir, 'tls', 'ca.pem'));
    expect(parsed.HTTPS_PROXY).toBe('http://127.0.0.1:9999');
    expect(parsed.NODE_USE_ENV_PROXY).toBe('1');
    expect(ran.stdout).toContain('#   node --import dana-sim/forward app.js');
  });

  it('gives PHP its ini lines and setHost, and Java a trust store, its properties and an interceptor', async () => {
    const php = (await cli('env', '--lang', 'php', '--data', dir)).stdout;
    expect(php).toContain(`curl.cainfo="${join(dir, 'tls', 'ca.pem')}"`);
    expect(php).toContain(`openssl.cafile="${join(dir, 'tls', 'ca.pem')}"`);
    expect(php).toContain(`$config->setHost('${server.url}');`);
    const store = join(dir, 'tls', 'truststore.p12');
    const java = await cli('env', '--lang', 'java', '--url', 'https://sim.example:9443', '--data', dir);
    expect(java.stdout).toContain('simulator       https://sim.example:9443 (from --url)');
    expect(java.stdout).toContain(
      `keytool -importcert -noprompt -alias dana-sim -file '${join(dir, 'tls', 'ca.pem')}' -keystore '${store}'`,
    );
    expect(java.stdout).toContain('.scheme("https").host("sim.example").port(9443)');
    const shell = (await cli('env', '--lang', 'java', '--url', 'http://sim.example', '--data', dir, '--format', 'shell')).stdout;
    expect(evaluated(shell, 'JAVA_TOOL_OPTIONS')).toBe(
      `-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=8788 -Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=8788 -Djavax.net.ssl.trustStore=${store} -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12`,
    );
    expect(shell).toContain('.scheme("http").host("sim.example").port(80)');
    // The trust store is made once, only when the CA exists; without keytool on the machine the guard still evaluates.
    expect(shell).toContain(`if [ -f '${join(dir, 'tls', 'ca.pem')}' ] && [ ! -f '${store}' ]; then keytool`);
  });

  it('notices the CA once `start --tls` has made it', async () => {
    await mkdir(join(dir, 'tls'), { recursive: true });
    await writeFile(join(dir, 'tls', 'ca.pem'), 'placeholder');
    try {
      const ran = await cli('env', '--lang', 'go', '--data', dir);
      expect(ran.stdout).toMatch(new RegExp(`CA certificate  ${join(dir, 'tls', 'ca.pem')}$`, 'm'));
      expect((await cli('env', '--lang', 'go', '--data', dir, '--format', 'shell')).stderr).not.toContain('tls/ca.pem');
    } finally {
      await rm(join(dir, 'tls'), { recursive: true, force: true });
    }
  });

  it('still prints the settings when no simulator has written credentials yet, and says so', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'dana-sim-env-empty-'));
    try {
      vi.stubEnv('DANA_SIM_URL', '');
      const text = await cli('env', '--lang', 'go', '--data', empty);
      expect(text.stdout).toContain(`(no credentials: ${join(empty, 'merchant.env')} is written by \`dana-sim start\`; pass --data DIR)`);
      expect(text.stdout).toContain('simulator       http://127.0.0.1:8787 (from the default: nothing else names one)');
      vi.stubEnv('DANA_SIM_URL', 'http://127.0.0.1:9000');
      const shell = await cli('env', '--lang', 'go', '--data', empty, '--format', 'shell');
      expect(shell.stdout).not.toContain('X_PARTNER_ID');
      expect(shell.stdout).toContain("export SSL_CERT_FILE='");
      expect(shell.stderr).toContain(`dana-sim: no ${join(empty, 'merchant.env')} yet: start the simulator first`);
      expect(shell.stderr).toContain('simulator at http://127.0.0.1:9000 (from DANA_SIM_URL)');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('exits 2 naming the problem for a missing or unknown language, format or port', async () => {
    const cases: [string[], RegExp][] = [
      [[], /--lang is required: one of node, python, go, php, java/],
      [['--lang', 'rust'], /--lang must be one of node, python, go, php, java; got "rust"/],
      [['--lang', 'go', '--format', 'yaml'], /--format must be one of text, shell, dotenv; got "yaml"/],
      [['--lang', 'go', '--proxy-port', '70000'], /--proxy-port must be a whole number from 0 to 65535, got "70000"/],
    ];
    for (const [args, message] of cases) {
      const ran = await cli('env', ...args, '--data', dir);
      expect(ran.code, args.join(' ')).toBe(2);
      expect(ran.stderr, args.join(' ')).toMatch(message);
    }
  });
});
