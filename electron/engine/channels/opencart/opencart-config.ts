/**
 * How the OpenCart channel connects: straight to the shop's MySQL/MariaDB (OpenCart has no API
 * for editing products), optionally through an SSH tunnel because most shop hosts only let MySQL
 * listen locally. Declared once as a descriptor; the values come from the connect form or from
 * OPENCART_* environment variables.
 */
import type { ChannelDescriptor } from '../../../../shared/channel-connection';

export const opencartDescriptor: ChannelDescriptor = {
  id: 'opencart',
  name: 'OpenCart',
  agents: ['SEO Agent'],
  methods: [
    {
      id: 'database',
      label: 'Shop database',
      kind: 'form',
      help: 'The shop database OpenCart itself uses (config.php: DB_HOSTNAME, DB_USERNAME, DB_PASSWORD, DB_DATABASE, DB_PREFIX).',
      fields: [
        { key: 'dbUrl', label: 'Database URL', type: 'secret', required: true, env: 'OPENCART_DB_URL', placeholder: 'mysql://user:password@127.0.0.1:3306/opencart', pattern: '^mysql://', patternMessage: 'Use mysql://user:password@host:3306/database' },
        { key: 'prefix', label: 'Table prefix', type: 'text', required: false, env: 'OPENCART_DB_PREFIX', placeholder: 'oc_', pattern: '^[A-Za-z0-9_]{0,20}$', patternMessage: 'Letters, digits and _ only' },
        { key: 'storeUrl', label: 'Store URL', type: 'url', required: false, env: 'OPENCART_STORE_URL', placeholder: 'https://shop.example.com/', help: 'Links to the product pages in previews.' },
        { key: 'sshHost', label: 'SSH host', type: 'text', required: false, env: 'OPENCART_SSH_HOST', placeholder: 'shop.example.com:22', help: 'When MySQL only listens on the shop host: the database URL host is then seen from that host.' },
        { key: 'sshUser', label: 'SSH user', type: 'text', required: false, env: 'OPENCART_SSH_USER' },
        { key: 'sshKey', label: 'SSH private key', type: 'secret', required: false, env: 'OPENCART_SSH_KEY', help: 'The key itself (PEM/OpenSSH), or a path to it.' },
        { key: 'cacheDir', label: 'Cache folder on the shop host', type: 'text', required: false, env: 'OPENCART_CACHE_DIR', placeholder: '/var/www/storage/cache', help: 'With SSH: product cache files there are removed after a change.' },
      ],
    },
  ],
  endpoints: [],
  checkDescription: 'Connects to the shop database, reads the schema (OpenCart 3.x or 4.x) and the store languages',
};

/** Parsed connection values. Defaults: prefix oc_, port 3306. */
export interface OpencartSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  prefix: string;
  storeUrl: string | null;
  ssh: { host: string; port: number; user: string; key: string } | null;
  cacheDir: string | null;
}

/** Turns the form/env values into settings; throws with the field's name when one is unusable. */
export function parseOpencartValues(values: Record<string, string>): OpencartSettings {
  const raw = values.dbUrl ?? '';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('OPENCART_DB_URL is not a URL: use mysql://user:password@host:3306/database');
  }
  if (url.protocol !== 'mysql:') throw new Error(`OPENCART_DB_URL must start with mysql:// (got ${url.protocol}//)`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('OPENCART_DB_URL names no database: mysql://user:password@host:3306/database');
  const prefix = values.prefix ?? 'oc_';
  if (!/^[A-Za-z0-9_]{0,20}$/.test(prefix)) throw new Error('OPENCART_DB_PREFIX: letters, digits and _ only');
  const sshFields = [values.sshHost, values.sshUser, values.sshKey].filter(Boolean).length;
  if (sshFields > 0 && sshFields < 3) throw new Error('SSH tunnel needs all of OPENCART_SSH_HOST, OPENCART_SSH_USER and OPENCART_SSH_KEY');
  let ssh: OpencartSettings['ssh'] = null;
  if (sshFields === 3) {
    const [sshHost, sshPort] = values.sshHost!.split(':');
    ssh = { host: sshHost!, port: sshPort ? Number(sshPort) : 22, user: values.sshUser!, key: values.sshKey! };
  }
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
    prefix,
    storeUrl: values.storeUrl ? values.storeUrl.replace(/\/+$/, '') + '/' : null,
    ssh,
    cacheDir: values.cacheDir ?? null,
  };
}
