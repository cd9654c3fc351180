/**
 * The SEO Agent's catalogue changes in the OpenCart shop, written straight into the shop's
 * database (OpenCart has no product API): meta_title, meta_description, meta_keyword, image_alt
 * (only where the shop has an alt column), url_rewrite (seo_url keyword) and category_move.
 * Every apply records a snapshot on the intent before writing; rollback restores it for rows
 * nobody changed since; reconcile finishes or undoes an apply a crash interrupted.
 */
import type { SecretStore } from '../../secrets/types';
import { CredentialConnection, CredentialsRefused } from '../connection/credential-connection';
import { permanent, retryable, unknownOutcome } from '../errors';
import { parsePayload } from '../payload';
import type { ChannelHandler, ExecutionOutcome, RollbackResult } from '../types';
import { ApplyFailed, applySnapshot, reconcileSnapshot, restoreSnapshot, type AfterWrite } from './opencart-apply';
import { opencartDescriptor, parseOpencartValues, type OpencartSettings } from './opencart-config';
import { describeSchema, openOpencartDb, readSchema, type OcSchema, type OpenedDb } from './opencart-db';
import { seoPayloadSchema, type SeoChange } from './opencart-payload';
import { planChange } from './opencart-plan';
import { livePreview, productLinks, staticPreview, summarize } from './opencart-preview';
import { snapshotSchema, type Snapshot } from './opencart-snapshot';

export type { SeoChange } from './opencart-payload';

export interface OpencartHandlerOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  /** Test hook: awaited after each row written by apply (crash and mid-way failure tests). */
  afterWrite?: AfterWrite;
}

/** OpenCart's default cache lifetime (system/config/default.php cache_expire): 3600 s. */
export const cacheNotice = 'The shop caches product data: pages may show the old text for up to an hour (no SSH access to clear the cache)';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isAuthError = (error: unknown) => ['ER_ACCESS_DENIED_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR'].includes((error as { code?: string }).code ?? '');
const isSqlError = (error: unknown) => typeof (error as { sqlMessage?: unknown }).sqlMessage === 'string';

export function createOpencartHandler(options: OpencartHandlerOptions): ChannelHandler<SeoChange> {
  const connection = new CredentialConnection({
    descriptor: opencartDescriptor,
    secrets: options.secrets,
    env: options.env,
    async verify(_method, values) {
      const settings = parseOpencartValues(values);
      let db: OpenedDb;
      try {
        db = await openOpencartDb(settings);
      } catch (error) {
        if (isAuthError(error)) throw new CredentialsRefused(reasonOf(error), 'dbUrl');
        throw error;
      }
      try {
        return { account: describeSchema(await readSchema(db.connection, settings.prefix), settings.database) };
      } finally {
        await db.close();
      }
    },
  });

  async function settings(): Promise<OpencartSettings> {
    const record = await connection.record();
    if (!record) throw permanent('No OpenCart shop connected: set OPENCART_DB_URL or connect OpenCart in Settings → Channels');
    try {
      return parseOpencartValues(record.values);
    } catch (error) {
      throw permanent(`OpenCart connection settings are unusable: ${reasonOf(error)}`);
    }
  }

  /** Opens the shop database; nothing has been written when this fails, so it is retryable (auth: permanent). */
  async function withShop<T>(work: (db: OpenedDb, schema: OcSchema, config: OpencartSettings) => Promise<T>): Promise<T> {
    const config = await settings();
    let db: OpenedDb;
    let schema: OcSchema;
    try {
      db = await openOpencartDb(config);
    } catch (error) {
      if (isAuthError(error)) {
        await connection.markReconnectNeeded(`the shop database refused the login: ${reasonOf(error)}`);
        throw permanent(`The OpenCart database refused the login: ${reasonOf(error)}`);
      }
      throw retryable(`Could not reach the OpenCart database at ${config.host}:${config.port}${config.ssh ? ` through SSH ${config.ssh.host}` : ''}: ${reasonOf(error)}`);
    }
    try {
      try {
        schema = await readSchema(db.connection, config.prefix);
      } catch (error) {
        throw permanent(`Could not read the OpenCart schema: ${reasonOf(error)}`);
      }
      return await work(db, schema, config);
    } finally {
      await db.close();
    }
  }

  /** Removes OpenCart's product cache files over SSH; otherwise says what visitors may see. */
  async function clearCache(db: OpenedDb, config: OpencartSettings): Promise<{ cleared: boolean; notice: string | null }> {
    if (!db.exec || !config.cacheDir) return { cleared: false, notice: cacheNotice };
    const dir = `'${config.cacheDir.replace(/'/g, `'\\''`)}'`;
    try {
      const result = await db.exec(`rm -f -- ${dir}/cache.product.*`);
      if (result.code === 0) return { cleared: true, notice: null };
      return { cleared: false, notice: `Clearing the product cache over SSH failed (${result.output || `exit ${result.code}`}): pages may show the old text for up to an hour` };
    } catch (error) {
      return { cleared: false, notice: `Clearing the product cache over SSH failed (${reasonOf(error)}): pages may show the old text for up to an hour` };
    }
  }

  const outcomeFor = (snapshot: Snapshot, config: OpencartSettings, cache: { cleared: boolean; notice: string | null } | null, note: string): ExecutionOutcome => {
    const productIds = [...new Set(snapshot.items.map((item) => item.productId))];
    const links = productIds.flatMap((id) => productLinks(config.storeUrl, snapshot.major, id, []).slice(0, 1));
    return {
      externalId: null,
      externalUrl: links[0] ?? null,
      result: { note, database: snapshot.database, rowsChanged: snapshot.items.length, productIds, changed: snapshot.items.map((item) => item.label), cacheCleared: cache?.cleared ?? false, notice: cache?.notice ?? null },
    };
  };

  return {
    id: 'opencart',
    name: 'OpenCart',
    agent: 'SEO Agent',
    connection,
    payloadSchema: seoPayloadSchema,
    limitKeys: () => ['seo_bulk_apply'],
    unavailableReason: () => connection.unavailableReason(),
    async status() {
      const status = await connection.status();
      return { connected: status.state === 'connected' || status.state === 'error', detail: status.detail };
    },
    preview: staticPreview,
    async loadPreview(task) {
      const parsed = parsePayload(seoPayloadSchema, task);
      if (!parsed.ok) throw new Error(parsed.error);
      const change = parsed.payload;
      return withShop(async (db, schema, config) => {
        const plan = await planChange(db.connection, schema, config, change, new Date());
        return livePreview(change, plan, describeSchema(schema, config.database), config.storeUrl, schema.languages.map((language) => language.code));
      });
    },
    async execute(change, context) {
      return withShop(async (db, schema, config) => {
        const plan = await planChange(db.connection, schema, config, change, context.now());
        if (plan.problems.length) throw permanent(`OpenCart refused the change: ${plan.problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('; ')}`);
        if (plan.snapshot.items.length === 0) return outcomeFor(plan.snapshot, config, null, 'Every value already was what the task asks for: nothing written');
        // The snapshot is durable on the intent before the first write (recovery and rollback need it).
        context.recordProgress({ opencartSnapshot: plan.snapshot });
        try {
          await applySnapshot(db.connection, plan.snapshot, options.afterWrite);
        } catch (error) {
          if (error instanceof ApplyFailed && error.restored) {
            throw isSqlError(error.cause) ? permanent(`OpenCart: ${error.message}`, { cause: error }) : retryable(`OpenCart: ${error.message}`, { cause: error });
          }
          throw unknownOutcome(`OpenCart: ${reasonOf(error)}`, { cause: error });
        }
        const cache = await clearCache(db, config);
        return outcomeFor(plan.snapshot, config, cache, `${summarize(change)}: ${plan.snapshot.items.length} rows written`);
      });
    },
    async reconcile(input) {
      const parsed = snapshotSchema.safeParse(input.progress.opencartSnapshot);
      if (!parsed.success) return { status: 'not_sent', evidence: 'No snapshot was recorded: the apply stopped before its first write' };
      const snapshot = parsed.data;
      return withShop(async (db, _schema, config) => {
        const verdict = await reconcileSnapshot(db.connection, snapshot);
        if (verdict.status === 'not_applied') return { status: 'not_sent', evidence: verdict.evidence };
        if (verdict.status === 'undone_conflict') return { status: 'unknown', evidence: verdict.evidence };
        const cache = await clearCache(db, config);
        return { status: 'succeeded', evidence: verdict.evidence, outcome: outcomeFor(snapshot, config, cache, verdict.evidence) };
      });
    },
    async rollback(input): Promise<RollbackResult> {
      const parsed = snapshotSchema.safeParse(input.execution.progress.opencartSnapshot);
      if (!parsed.success) return { message: 'Nothing to roll back: this task wrote nothing to the shop', restored: [], leftAlone: [] };
      const snapshot = parsed.data;
      return withShop(async (db, _schema, config) => {
        const result = await restoreSnapshot(db.connection, snapshot);
        const cache = result.restored.length ? await clearCache(db, config) : null;
        const left = result.leftAlone.length ? `; ${result.leftAlone.length} left alone` : '';
        return { message: `Restored ${result.restored.length} of ${result.restored.length + result.leftAlone.length} rows in the OpenCart shop${left}${cache?.notice ? `. ${cache.notice}` : ''}`, ...result };
      });
    },
  };
}
