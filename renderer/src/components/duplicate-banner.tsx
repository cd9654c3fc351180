/**
 * The duplicate guard on the inbox card and the task page: the earlier task this one likely
 * repeats (linked), whether Kenny approved it anyway, and the later tasks held as repeats of it.
 */
import type { DuplicateInfo } from '../../../shared/duplicate';
import { routeHref } from '../hooks/use-route';

const statusWords: Record<string, string> = { new: 'waiting', in_progress: 'running', completed: 'done', failed: 'failed', rejected: 'rejected' };

export function DuplicateBanner({ info }: { info: DuplicateInfo | null | undefined }) {
  if (!info) return null;
  return (
    <>
      {info.of ? (
        <p className={`banner ${info.clearedBy ? 'banner-info' : 'banner-warn'} small duplicate-banner`} data-testid="duplicate-of">
          {info.clearedBy ? 'Approved anyway as not a duplicate by ' + info.clearedBy + '. ' : null}
          Possible duplicate of <a href={routeHref({ view: 'task', id: info.of.id })}>{info.of.title}</a> ({statusWords[info.of.status] ?? info.of.status})
          {info.reason ? `: ${info.reason.replace(/^Possible duplicate of ".*?": /, '')}` : ''}.
          {info.clearedBy ? null : ' Approve it anyway if it is not a duplicate, or reject it.'}
        </p>
      ) : null}
      {info.duplicatedBy.length ? (
        <p className="banner banner-info small duplicate-banner" data-testid="duplicated-by">
          Held as a possible repeat of this task:{' '}
          {info.duplicatedBy.map((other, index) => (
            <span key={other.id}>
              {index ? ', ' : ''}
              <a href={routeHref({ view: 'task', id: other.id })}>{other.title}</a> ({other.clearedBy ? `approved anyway by ${other.clearedBy}` : statusWords[other.status] ?? other.status})
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}
