/**
 * previews:media: one image of a social post, fetched by the engine and answered as a data: URL,
 * so the approval card and the task page show the real picture while the dashboard's CSP stays
 * `img-src 'self' data: blob:`. Only the media of the task's own preview can be asked for (task
 * id + index, never a URL), so the dashboard is no open proxy. Answers are cached per URL
 * (10 minutes, 40 MB in all; refusals 1 minute).
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import { MediaRefused } from '../channels/social/media-fetch';
import { fetchPreviewImage, type PreviewImage } from '../channels/social/media-image';
import { EngineError, notFound } from '../errors';
import { withContent } from '../store/content';
import { getTask } from '../store/tasks';
import type { ApiDeps } from './api-deps';
import { previewForTask } from './preview-for-task';

type Answer = MethodOutput<'previews:media'>;

const imageTtlMs = 10 * 60_000;
const refusalTtlMs = 60_000;
const cacheBytes = 40 * 1_048_576;

/** Tests against local servers: previews may fetch media on 127.0.0.1 (also lets Meta's rules accept it). */
export const loopbackMediaEnv = 'MISSION_CONTROL_TEST_LOOPBACK_MEDIA';

interface Entry {
  at: number;
  answer: Promise<Answer>;
  bytes: number;
}

const caches = new WeakMap<ApiDeps['registry'], Map<string, Entry>>();

function cacheOf(deps: ApiDeps): Map<string, Entry> {
  let cache = caches.get(deps.registry);
  if (!cache) caches.set(deps.registry, (cache = new Map()));
  return cache;
}

function trim(cache: Map<string, Entry>): void {
  let total = [...cache.values()].reduce((sum, entry) => sum + entry.bytes, 0);
  for (const [key, entry] of cache) {
    if (total <= cacheBytes) break;
    cache.delete(key);
    total -= entry.bytes;
  }
}

const toAnswer = (url: string, image: PreviewImage): Answer => ({
  url,
  dataUrl: `data:${image.type};base64,${image.bytes.toString('base64')}`,
  type: image.type,
  bytes: image.bytes.length,
  width: image.width,
  height: image.height,
  refused: null,
});

export async function previewMedia(deps: ApiDeps, input: MethodInput<'previews:media'>): Promise<Answer> {
  const task = getTask(deps.db, input.taskId);
  if (!task) throw notFound(`Task ${input.taskId}`);
  const { preview, previewError } = previewForTask(deps.registry, withContent(deps.db, task));
  const detail = preview?.detail;
  if (!detail && previewError) throw new EngineError('not_found', `"${task.title}" cannot be previewed: ${previewError}`);
  if (detail?.kind !== 'social_post') throw new EngineError('not_found', `"${task.title}" is not a social post: it has no media to preview`);
  const urls = detail.media?.map((item) => item.url) ?? detail.mediaUrls;
  const url = urls[input.index];
  if (url === undefined) throw new EngineError('not_found', `"${task.title}" has ${urls.length} media; there is no media ${input.index + 1}`);
  if (detail.mediaType && detail.mediaType !== 'image') return { url, dataUrl: null, type: null, bytes: null, width: null, height: null, refused: `a ${detail.mediaType} is not previewed here: open it from its link` };
  // X receives the bytes from this computer, so its local files are shown; Meta fetches URLs itself.
  const allowFiles = detail.platform === 'x' || detail.platform === 'twitter';
  const allowLoopback = deps.env[loopbackMediaEnv] === '1';
  const cache = cacheOf(deps);
  const key = `${allowFiles ? 'f' : ''}${allowLoopback ? 'l' : ''}|${url}`;
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.at < (hit.bytes > 0 ? imageTtlMs : refusalTtlMs)) return hit.answer;
  const entry: Entry = { at: now, bytes: 0, answer: Promise.resolve(null as unknown as Answer) };
  entry.answer = fetchPreviewImage(url, { allowFiles, allowLoopback, signal: AbortSignal.any([deps.signal, AbortSignal.timeout(15_000)]) }).then(
    (image) => {
      entry.bytes = image.bytes.length;
      trim(cache);
      return toAnswer(url, image);
    },
    (error: unknown): Answer => {
      if (!(error instanceof MediaRefused)) cache.delete(key);
      const reason = error instanceof MediaRefused ? error.message : `it could not be read (${error instanceof Error ? error.message : String(error)})`;
      return { url, dataUrl: null, type: null, bytes: null, width: null, height: null, refused: `Not shown: ${reason}` };
    },
  );
  cache.delete(key);
  cache.set(key, entry);
  return entry.answer;
}
