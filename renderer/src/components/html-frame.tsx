/**
 * An e-mail's HTML as its recipient will see it (email-render.ts: the e-mail's own styles apply,
 * scripts and remote loads do not). The frame is sandboxed without `allow-scripts`, so nothing in
 * it can run; `allow-same-origin` only lets this page write the cleaned e-mail into it. The frame
 * grows with the e-mail up to `maxHeight` (default 640 px), then scrolls.
 */
import { useEffect, useRef } from 'react';
import { renderEmail } from './email-render';

const blank = '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>';

export function HtmlFrame({ html, title, maxHeight = 640 }: { html: string; title: string; maxHeight?: number }) {
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const draw = () => {
      const doc = element.contentDocument;
      // The frame's initial about:blank document comes first; the srcdoc document replaces it (then 'load').
      if (!doc?.body || doc.readyState !== 'complete' || doc.URL !== 'about:srcdoc') return;
      renderEmail(doc, html);
      element.dataset.rendered = 'true';
      element.style.height = `${Math.min(Math.max(doc.documentElement.scrollHeight, 120), maxHeight)}px`;
    };
    draw();
    element.addEventListener('load', draw);
    return () => element.removeEventListener('load', draw);
  }, [html, maxHeight]);

  return <iframe ref={frame} className="email-frame" title={title} sandbox="allow-same-origin" srcDoc={blank} referrerPolicy="no-referrer" />;
}
