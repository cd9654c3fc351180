/**
 * A social post as it will look on its platform: X as a thread of posts with X's weighted count
 * per post, Facebook as a page post, Instagram as a captioned image or carousel; the account name
 * it goes out as, the media with their alt text, and the rule problems that block approval.
 * Images are the real pictures: the engine fetches them (previews:media) and answers data: URLs,
 * so the page's CSP keeps `img-src 'self' data: blob:`. Where an image cannot be shown (a local
 * file Meta cannot reach, not an image, too large, on a private network) its tile says why.
 */
import { useContext } from 'react';
import type { ExecutionPreview, PreviewDetail } from '../../../shared/preview';
import { useApi } from '../hooks/use-api';
import { PreviewTaskContext } from './preview-task';

type SocialDetail = Extract<PreviewDetail, { kind: 'social_post' }>;

const platformNames: Record<string, string> = { x: 'X', twitter: 'X', facebook: 'Facebook', instagram: 'Instagram' };

const fileName = (url: string) => {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
};

function Counter({ count, limit, weighted }: { count: number; limit: number | null; weighted: boolean }) {
  const over = limit !== null && count > limit;
  return (
    <div className={`char-count ${over ? 'error-text' : 'muted'}`} data-testid="char-count">
      {count}
      {limit !== null ? ` / ${limit}` : ''} {weighted ? 'as X counts (links 23, emoji and CJK 2)' : 'characters'}
      {over ? ' — over the limit' : ''}
    </div>
  );
}

type MediaItem = { url: string; alt: string };

function kindLabel(d: SocialDetail, index: number, total: number): string {
  const kind = d.mediaType === 'reel' ? 'Reel' : d.mediaType === 'video' ? 'Video' : 'Image';
  return total > 1 ? `${kind} ${index + 1}/${total}` : kind;
}

/** Where the image is not (or not yet) shown: its name, why, and its alt text. */
function MediaTile({ d, item, index, total, note }: { d: SocialDetail; item: MediaItem; index: number; total: number; note?: string }) {
  return (
    <li className="social-media-tile" title={item.url}>
      <span className="social-media-kind">{kindLabel(d, index, total)}</span>
      <span className="mono small">{fileName(item.url)}</span>
      {note ? <span className="small muted" data-testid="media-note">{note}</span> : null}
      <span className={item.alt ? 'small' : 'small muted'}>{item.alt ? `Alt: ${item.alt}` : 'No alt text'}</span>
    </li>
  );
}

/** The real image, fetched by the engine for this task's media `index`. */
function MediaImage({ taskId, d, item, index, total }: { taskId: string; d: SocialDetail; item: MediaItem; index: number; total: number }) {
  const image = useApi('previews:media', { taskId, index }, { staleTime: 10 * 60_000, retry: false });
  if (image.data?.dataUrl) {
    return (
      <li className="social-media-image" title={item.url}>
        <img src={image.data.dataUrl} alt={item.alt} width={image.data.width ?? undefined} height={image.data.height ?? undefined} />
        <span className={item.alt ? 'small' : 'small muted'}>{item.alt ? `Alt: ${item.alt}` : 'No alt text'}</span>
      </li>
    );
  }
  const note = image.isPending ? 'Loading the image…' : (image.data?.refused ?? image.error?.message ?? undefined);
  return <MediaTile d={d} item={item} index={index} total={total} note={note} />;
}

function MediaTiles({ d }: { d: SocialDetail }) {
  const taskId = useContext(PreviewTaskContext);
  const media = d.media ?? d.mediaUrls.map((url) => ({ url, alt: '' }));
  if (media.length === 0) return null;
  const images = taskId && (d.mediaType === 'image' || !d.mediaType);
  return (
    <ul className={`social-media count-${Math.min(media.length, 4)}`} aria-label={`${media.length} ${d.mediaType === 'image' || !d.mediaType ? 'image' : d.mediaType}${media.length > 1 ? 's' : ''}`}>
      {media.map((item, index) =>
        images ? <MediaImage key={index} taskId={taskId} d={d} item={item} index={index} total={media.length} /> : <MediaTile key={index} d={d} item={item} index={index} total={media.length} />,
      )}
    </ul>
  );
}

function Header({ d }: { d: SocialDetail }) {
  const platform = platformNames[d.platform] ?? d.platform;
  return (
    <div className="social-head">
      <span className={`social-badge social-${platformNames[d.platform] ? d.platform.replace('twitter', 'x') : 'other'}`}>{platform}</span>
      <strong>{d.accountName ?? `${platform} account`}</strong>
      {d.scheduledFor ? <span className="muted small">scheduled for {d.scheduledFor.replace('T', ' ').slice(0, 16)} UTC</span> : null}
    </div>
  );
}

/** X: each post of the thread under the account, with its own weighted count. */
function XPost({ d }: { d: SocialDetail }) {
  const parts = d.parts ?? [{ text: d.text, count: d.characterCount }];
  return (
    <ol className="social-thread">
      {parts.map((part, index) => (
        <li key={index} className="social-card">
          {index === 0 ? <Header d={d} /> : <div className="muted small">Reply {index + 1} of {parts.length} in the thread</div>}
          {index === 0 && d.replyTo ? <div className="muted small">Replying to post {d.replyTo}</div> : null}
          <p className="post-text">{part.text}</p>
          {index === 0 ? <MediaTiles d={d} /> : null}
          <Counter count={part.count} limit={d.characterLimit} weighted={d.countKind === 'weighted'} />
        </li>
      ))}
    </ol>
  );
}

function MetaPost({ d }: { d: SocialDetail }) {
  const instagram = d.platform === 'instagram';
  return (
    <div className="social-card">
      <Header d={d} />
      {instagram ? <MediaTiles d={d} /> : null}
      <p className="post-text">{d.text}</p>
      {!instagram ? <MediaTiles d={d} /> : null}
      {d.link ? <div className="social-link small">Link: <span className="mono">{d.link}</span></div> : null}
      <Counter count={d.characterCount} limit={d.characterLimit} weighted={false} />
    </div>
  );
}

export function SocialPostPreview({ d, problems }: { d: SocialDetail; problems?: ExecutionPreview['problems'] }) {
  return (
    <div className="preview-post social-post" data-platform={d.platform}>
      {d.platform === 'x' || d.platform === 'twitter' ? <XPost d={d} /> : <MetaPost d={d} />}
      {problems?.length ? (
        <ul className="social-problems" aria-label="Problems to fix before approving">
          {problems.map((problem, index) => (
            <li key={index} className="error-text small">
              {problem.field ? <span className="mono">{problem.field}: </span> : null}
              {problem.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
