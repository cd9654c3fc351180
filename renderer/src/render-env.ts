/**
 * What time-, locale- and zone-dependent text is rendered with. Normally the browser's own (the
 * clock, the default locale and time zone). While the server renders a page, and while the
 * browser hydrates that page, both use the server's values (sent with the page, ssr/payload.ts),
 * so relative times ("3 min ago"), dates and numbers come out identical on both sides; right
 * after hydration the client releases them and re-renders with its own.
 * Invariant: frozen only for one synchronous-or-serialized render pass at a time.
 */

/** The values a render pass uses: epoch ms, a BCP 47 locale and an IANA time zone. */
export interface RenderEnv {
  now: number;
  locale: string;
  timeZone: string;
}

let frozen: RenderEnv | null = null;

/** The environment this process would render with unfrozen (browser or Node defaults). */
export function ownRenderEnv(): RenderEnv {
  const options = new Intl.DateTimeFormat().resolvedOptions();
  return { now: Date.now(), locale: options.locale, timeZone: options.timeZone };
}

/** Renders with `env` until `releaseRenderEnv()`. */
export function freezeRenderEnv(env: RenderEnv): void {
  frozen = env;
}

export function releaseRenderEnv(): void {
  frozen = null;
}

/** True while a server render or a hydration uses the server's environment. */
export function renderEnvFrozen(): boolean {
  return frozen !== null;
}

/** "Now" for rendered text. */
export function renderNow(): Date {
  return frozen ? new Date(frozen.now) : new Date();
}

/** The locale for rendered text; undefined = the runtime's default. */
export function renderLocale(): string | undefined {
  return frozen?.locale;
}

/** The time zone for rendered dates; undefined = the runtime's default. */
export function renderTimeZone(): string | undefined {
  return frozen?.timeZone;
}

/** A count with digit grouping in the render locale ("100,000"). */
export function formatCount(value: number): string {
  return value.toLocaleString(renderLocale());
}
