/**
 * Settings = defaults, overlaid by agent_configs values, overlaid by environment variables
 * (ENABLE_AUTO_EXECUTION, AGENT_DRY_RUN, EXECUTOR_POLL_INTERVAL_MS, ALERT_EMAIL). A stored value
 * that does not validate is ignored with a warning (the default stands) instead of crashing.
 */
import { defaultSettings, settingConfigKeys, settingEnvVars, settingsSchema, type SettingKey, type Settings, type SettingsPatch } from '../../../shared/settings';
import type { Db } from '../db/open-db';
import { readConfigs, writeConfig } from '../store/configs';
import { invalidInput } from '../errors';

export interface LoadedSettings {
  settings: Settings;
  /** key -> environment variable forcing it */
  locked: Partial<Record<SettingKey, string>>;
  /** Stored values that were ignored, with why. */
  warnings: string[];
}

type Env = Record<string, string | undefined>;

export function loadSettings(db: Db, env: Env): LoadedSettings {
  const stored = readConfigs(db);
  const settings: Record<string, unknown> = { ...defaultSettings };
  const warnings: string[] = [];
  for (const key of Object.keys(settingConfigKeys) as SettingKey[]) {
    const entry = stored.get(settingConfigKeys[key]);
    if (!entry) continue;
    // global_pause: paused means the value is exactly JSON true (cloud-contract.md).
    if (key === 'globalPause') {
      settings.globalPause = entry.valid && entry.value === true;
      continue;
    }
    const parsed = settingsSchema.shape[key].safeParse(entry.value);
    if (parsed.success) settings[key] = parsed.data;
    else warnings.push(`agent_configs.${settingConfigKeys[key]} is invalid (${parsed.error.issues[0]?.message ?? 'bad value'}); using the default`);
  }
  const locked: Partial<Record<SettingKey, string>> = {};
  for (const [key, variable] of Object.entries(settingEnvVars) as [SettingKey, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const value = parseEnvValue(key, raw);
    if (value.ok) {
      settings[key] = value.value;
      locked[key] = variable;
    } else warnings.push(`${variable}=${raw} is not valid (${value.error}); ignored`);
  }
  return { settings: settingsSchema.parse(settings), locked, warnings };
}

function parseEnvValue(key: SettingKey, raw: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = raw.trim();
  if (key === 'autoExecution' || key === 'dryRun') {
    if (/^(true|1|yes|on)$/i.test(text)) return { ok: true, value: true };
    if (/^(false|0|no|off)$/i.test(text)) return { ok: true, value: false };
    return { ok: false, error: 'expected true or false' };
  }
  if (key === 'adsCaps') {
    // GOOGLE_ADS_CAPS: JSON with the caps to change ({"maxChangePercent":15}); the others keep their defaults.
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: 'expected JSON, e.g. {"maxChangePercent":15}' };
    }
    const parsed = settingsSchema.shape.adsCaps.partial().strict().safeParse(json);
    return parsed.success ? { ok: true, value: { ...defaultSettings.adsCaps, ...parsed.data } } : { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid' };
  }
  const candidate = key === 'pollIntervalMs' ? Number(text) : text;
  const parsed = settingsSchema.shape[key].safeParse(candidate);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? 'invalid' };
}

/** Stores a patch. A setting forced by the environment cannot be changed here: say so. */
export function saveSettings(db: Db, env: Env, patch: SettingsPatch, now: Date): LoadedSettings {
  const { locked } = loadSettings(db, env);
  const lockedKeys = (Object.keys(patch) as SettingKey[]).filter((key) => locked[key]);
  if (lockedKeys.length) {
    throw invalidInput(`${lockedKeys.map((key) => `${key} is set by ${locked[key]}`).join('; ')}: change the environment variable instead`);
  }
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch) as [SettingKey, unknown][]) {
      if (value === undefined) continue;
      writeConfig(db, settingConfigKeys[key], value, now);
    }
  })();
  return loadSettings(db, env);
}
