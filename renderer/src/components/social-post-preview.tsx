/**
 * A social post as it will look on its platform: X as a thread of posts with X's weighted count
 * per post, Facebook as a page post, Instagram as a captioned image or carousel; the account name
 * it goes out as, the media with their alt text, and the rule problems that block approval.
 * Remote images are not fetched (the page's CSP allows only this app's images): each media shows
 * as a tile with its file name and alt text.
 */
import type { ExecutionPreview, PreviewDetail } from '../../../shared/preview';

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

function MediaTiles({ d }: { d: SocialDetail }) {
  const media = d.media ?? d.mediaUrls.map((url) => ({ url, alt: '' }));
  if (media.length === 0) return null;
  return (
    <ul className={`social-media count-${Math.min(media.length, 4)}`} aria-label={`${media.length} ${d.mediaType === 'image' || !d.mediaType ? 'image' : d.mediaType}${media.length > 1 ? 's' : ''}`}>
      {media.map((item, index) => (
        <li key={index} className="social-media-tile" title={item.url}>
          <span className="social-media-kind">{d.mediaType === 'reel' ? 'Reel' : d.mediaType === 'video' ? 'Video' : 'Image'} {media.length > 1 ? `${index + 1}/${media.length}` : ''}</span>
          <span className="mono small">{fileName(item.url)}</span>
          <span className={item.alt ? 'small' : 'small muted'}>{item.alt ? `Alt: ${item.alt}` : 'No alt text'}</span>
        </li>
      ))}
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
