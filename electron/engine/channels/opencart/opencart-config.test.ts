// Connection settings and OpenCart's value rules, without a database: the URL and SSH variables
// are refused with the variable's name, an SSH tunnel that cannot connect fails the task clearly
// (retryable, naming the SSH host), and values are encoded exactly like OpenCart's form input.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { parseOpencartValues } from './opencart-config';
import { createOpencartHandler } from './opencart-handler';
import { decodeOpencart, encodeLikeOpencart, keywordProblem } from './opencart-rules';
import { seoTask, testContext } from './test-support/opencart-fixture';

describe('OpenCart settings', () => {
  it('parses the URL with the default prefix and refuses incomplete SSH settings', () => {
    expect(parseOpencartValues({ dbUrl: 'mysql://shop:p%40ss@db.example:3307/opencart' })).toMatchObject({ host: 'db.example', port: 3307, user: 'shop', password: 'p@ss', database: 'opencart', prefix: 'oc_', ssh: null });
    expect(() => parseOpencartValues({ dbUrl: 'postgres://x@y/z' })).toThrow('must start with mysql://');
    expect(() => parseOpencartValues({ dbUrl: 'mysql://x@y:3306/' })).toThrow('names no database');
    expect(() => parseOpencartValues({ dbUrl: 'mysql://x@y/z', sshHost: 'shop.example' })).toThrow('needs all of OPENCART_SSH_HOST, OPENCART_SSH_USER and OPENCART_SSH_KEY');
  });

  it('an SSH tunnel that cannot connect fails the task clearly, never silently', async () => {
    // A port that accepts TCP and closes at once: no SSH server there.
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const handler = createOpencartHandler({
        env: { OPENCART_DB_URL: 'mysql://shop:secret@127.0.0.1:3306/opencart', OPENCART_SSH_HOST: `127.0.0.1:${port}`, OPENCART_SSH_USER: 'deploy', OPENCART_SSH_KEY: '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----' },
        secrets: new MemorySecretStore(),
      });
      const parsed = handler.payloadSchema.parse(seoTask({ change_type: 'meta_title', changes: [{ product_id: 40, after: 'x' }] }));
      await expect(handler.execute(parsed, testContext())).rejects.toMatchObject({ errorClass: 'retryable', message: expect.stringContaining(`through SSH 127.0.0.1`) });
    } finally {
      server.close();
    }
  });
});

describe('OpenCart value rules', () => {
  it('encodes like htmlspecialchars(trim(value), ENT_COMPAT, UTF-8): quotes encoded, apostrophes kept', () => {
    expect(encodeLikeOpencart(` Tom's "best" <b>deal</b> & more `)).toBe(`Tom's &quot;best&quot; &lt;b&gt;deal&lt;/b&gt; &amp; more`);
    expect(encodeLikeOpencart('&amp;')).toBe('&amp;amp;');
    expect(decodeOpencart(encodeLikeOpencart(`Tom's "best" & <more>`))).toBe(`Tom's "best" & <more>`);
  });

  it('accepts URL-safe keywords in any script, refuses spaces, slashes and punctuation', () => {
    expect(keywordProblem('apple-iphone_15')).toBeNull();
    expect(keywordProblem('наушники')).toBeNull();
    expect(keywordProblem('apple iphone')).toContain('not URL-safe');
    expect(keywordProblem('apple/iphone')).toContain('not URL-safe');
    expect(keywordProblem('iphone?')).toContain('not URL-safe');
  });
});
