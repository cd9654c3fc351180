/**
 * A social post: its text (each post of an X thread) with the platform's own count as Kenny
 * types (X's weighted count: links 23, emoji 2; characters elsewhere) and the media list (URL and
 * alt text, add/remove). Text held in the social_posts row starts from the preview; an edit is
 * kept on the task (metadata.content overrides the row).
 */
import { countPost } from '../../../../shared/social-count';
import type { PreviewDetail } from '../../../../shared/preview';
import type { EditorEntry, EditorProps } from './editor-types';
import { asText, Field } from './field';

type Social = Extract<PreviewDetail, { kind: 'social_post' }>;
const names: Record<string, string> = { x: 'X', twitter: 'X', facebook: 'Facebook', instagram: 'Instagram' };

function LiveCount({ platform, text, id }: { platform: string; text: string; id: string }) {
  const { count, limit, weighted } = countPost(platform, text);
  const over = count > limit;
  return (
    <div className={`char-count small ${over ? 'error-text' : 'muted'}`} data-testid="live-count" id={id}>
      {count} / {limit} {weighted ? 'as X counts' : 'characters'}
      {over ? ` — ${count - limit} over the limit` : ` — ${limit - count} left`}
    </div>
  );
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : String(item))) : []);

function MediaList({ metadata, set, start, problems, focusField }: EditorProps & { start: Social | null }) {
  const urls = metadata.media_urls !== undefined ? strings(metadata.media_urls) : start?.mediaUrls ?? [];
  const alts = strings(metadata.media_alt_text);
  const save = (nextUrls: string[], nextAlts: string[]) => {
    set('media_urls', nextUrls.length ? nextUrls : undefined);
    const trimmed = nextAlts.slice(0, nextUrls.length);
    set('media_alt_text', trimmed.some(Boolean) ? nextUrls.map((_, index) => trimmed[index] ?? '') : undefined);
  };
  return (
    <fieldset className="media-editor">
      <legend>Media ({urls.length})</legend>
      {urls.map((url, index) => (
        <div className="media-row" key={index}>
          <Field label={`Media ${index + 1} URL`} field={`metadata.media_urls.${index}`} problems={problems} focusField={focusField}>
            {(input) => <input {...input} type="url" value={url} onChange={(event) => save(urls.map((old, at) => (at === index ? event.target.value : old)), alts)} />}
          </Field>
          <Field label={`Media ${index + 1} alt text`} field={`metadata.media_alt_text.${index}`} problems={problems} focusField={focusField}>
            {(input) => <input {...input} value={alts[index] ?? ''} onChange={(event) => save(urls, urls.map((_, at) => (at === index ? event.target.value : alts[at] ?? '')))} />}
          </Field>
          <button type="button" className="small-button" onClick={() => save(urls.filter((_, at) => at !== index), alts.filter((_, at) => at !== index))} aria-label={`Remove media ${index + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="small-button" onClick={() => save([...urls, 'https://'], alts)}>
        Add media
      </button>
    </fieldset>
  );
}

function SocialEditor(props: EditorProps) {
  const { metadata, set, problems, focusField, proposal } = props;
  const start = proposal?.detail.kind === 'social_post' ? (proposal.detail as Social) : null;
  const platform = String(metadata.platform ?? start?.platform ?? 'x').toLowerCase();
  const thread = Array.isArray(metadata.thread) ? strings(metadata.thread) : null;
  return (
    <>
      <div className="muted small">
        Platform: <strong>{names[platform] ?? platform}</strong>
      </div>
      {thread ? (
        thread.map((part, index) => (
          <Field key={index} label={`Post ${index + 1} of the thread`} field={`metadata.thread.${index}`} problems={problems} focusField={focusField}>
            {(input) => (
              <>
                <textarea {...input} rows={4} value={part} onChange={(event) => set('thread', thread.map((old, at) => (at === index ? event.target.value : old)))} />
                <LiveCount platform={platform} text={part} id={`${input.id}-count`} />
              </>
            )}
          </Field>
        ))
      ) : (
        <Field label="Post text" field="metadata.content" problems={problems} focusField={focusField}>
          {(input) => {
            const text = metadata.content !== undefined ? asText(metadata.content) : start?.text ?? '';
            return (
              <>
                <textarea {...input} rows={7} value={text} onChange={(event) => set('content', event.target.value)} />
                <LiveCount platform={platform} text={text} id={`${input.id}-count`} />
              </>
            );
          }}
        </Field>
      )}
      <MediaList {...props} start={start} />
    </>
  );
}

export const socialEditor: EditorEntry = { label: 'Post', fields: ['metadata.content', 'metadata.thread', 'metadata.media_urls', 'metadata.media_alt_text'], Editor: SocialEditor };
