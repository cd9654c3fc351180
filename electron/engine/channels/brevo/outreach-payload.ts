/**
 * An influencer outreach task (action or task_type 'influencer_outreach'): a personal e-mail
 * whose recipient comes from the task (metadata.to, metadata.name) or the referenced
 * influencer_opportunities row (influencer_id), in either shape (cloud-contract.md): the 003
 * table the cloud really has holds no e-mail column (an address can only be in its metadata), the
 * 008 one keeps {name, email, platform, …} in `data`. The HTML message_template's {{placeholders}}
 * are filled from the influencer's fields; one left unfilled fails the task before approval.
 */
export type InfluencerShape = '003' | '008';

export interface OutreachSend {
  kind: 'influencer_outreach';
  taskId: string;
  to: { email: string; name: string | null };
  subject: string;
  html: string;
  influencerId: string | null;
  influencerShape: InfluencerShape | null;
  /** Placeholders filled, name → value (shown in the preview). */
  filled: Record<string, string>;
}

const emailPattern = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
export const isEmail = (value: unknown): boolean => typeof value === 'string' && emailPattern.test(value.trim());

const scalar = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

/** The influencer's fields a template may use, whichever shape the row has. */
export function influencerFields(row: Record<string, unknown>): { shape: InfluencerShape; fields: Record<string, string> } {
  const data = row.data && typeof row.data === 'object' ? (row.data as Record<string, unknown>) : null;
  const shape: InfluencerShape = data && !('handle' in row) && !('name' in row) ? '008' : '003';
  const fields: Record<string, string> = {};
  const take = (source: Record<string, unknown> | null) => {
    for (const [key, value] of Object.entries(source ?? {})) {
      const text = scalar(value);
      if (text !== null && !(key in fields)) fields[key] = text;
    }
  };
  const metadata = row.metadata && typeof row.metadata === 'object' ? (row.metadata as Record<string, unknown>) : null;
  if (shape === '008') take(data);
  else take(Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'metadata' && key !== 'data')));
  take(metadata);
  delete fields.id;
  if (fields.name && !fields.first_name) fields.first_name = fields.name.split(/\s+/)[0]!;
  return { shape, fields };
}

/** The influencer's address and the places looked at (for the error when there is none). */
export function findAddress(row: Record<string, unknown> | null, shape: InfluencerShape | null, id: string | null): { email: string | null; looked: string[] } {
  const looked: string[] = [];
  if (!row) return { email: null, looked };
  const metadata = row.metadata && typeof row.metadata === 'object' ? (row.metadata as Record<string, unknown>) : {};
  const data = row.data && typeof row.data === 'object' ? (row.data as Record<string, unknown>) : {};
  const candidates: [string, unknown][] =
    shape === '008'
      ? [[`influencer_opportunities ${id} data.email`, data.email], [`… metadata.email`, metadata.email], [`… metadata.contact_email`, metadata.contact_email]]
      : [[`influencer_opportunities ${id} metadata.email (the table has no e-mail column)`, metadata.email], [`… metadata.contact_email`, metadata.contact_email]];
  for (const [where, value] of candidates) {
    looked.push(where);
    if (typeof value === 'string' && isEmail(value)) return { email: value.trim(), looked };
  }
  return { email: null, looked };
}

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Fills {{name}} placeholders (spaces inside the braces allowed). `html` escapes the values.
 * Returns the names left unfilled, in order of appearance.
 */
export function fillPlaceholders(template: string, fields: Record<string, string>, html: boolean): { text: string; missing: string[]; used: Record<string, string> } {
  const missing: string[] = [];
  const used: Record<string, string> = {};
  const text = template.replace(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = fields[name] ?? fields[name.toLowerCase()];
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    used[name] = value;
    return html ? escapeHtml(value) : value;
  });
  return { text, missing, used };
}
