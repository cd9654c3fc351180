/**
 * An e-mail's HTML as it will look. sandbox="" gives the e-mail an opaque origin with no scripts,
 * forms or navigation; a srcdoc frame also inherits the page's CSP, so remote images (tracking
 * pixels) never load.
 */
export function HtmlFrame({ html, title }: { html: string; title: string }) {
  const doc = `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`;
  return <iframe className="email-frame" title={title} sandbox="" srcDoc={doc} referrerPolicy="no-referrer" />;
}
