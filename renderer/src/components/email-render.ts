/**
 * Renders an e-mail's HTML the way a mail client does (its `<style>` blocks and `style=""`
 * attributes apply; scripts, forms, frames and remote loads do not) inside a frame that inherits
 * the dashboard's strict CSP (`style-src 'self'`, no inline style). The dashboard stays strict:
 * the e-mail's CSS never goes through the parser as inline style; it is applied through the
 * CSSOM (a constructed stylesheet and `element.style.cssText`), which CSP does not govern and
 * which cannot run code. Remote URLs (images, CSS url(), @import) are removed first, so nothing
 * is fetched and no tracking pixel fires.
 */

/** Elements that run code, load something or leave the frame: dropped with their content. */
const dropped = 'script, noscript, iframe, frame, frameset, object, embed, applet, link, meta, base, template, portal';
/** Attributes that load a URL: kept only for data: URLs (inline images). */
const loading = ['src', 'srcset', 'background', 'poster', 'data', 'action', 'formaction', 'lowsrc', 'dynsrc'];
const styleMark = 'data-mc-style';

/** A name=value attribute inside a start tag (quoted or not). */
const attributePattern = /(\s+)([^\s/>"'=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
const tagPattern = /<([a-zA-Z][^\s/>]*)((?:\s+[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)(\s*\/?)>/g;

/**
 * Renames every `style` attribute to `data-mc-style` before the HTML is parsed: a parsed style
 * attribute is an inline style, which the page's CSP refuses (and reports as an error).
 */
export function markStyleAttributes(html: string): string {
  return html.replace(tagPattern, (_tag, name: string, attributes: string, end: string) => {
    const renamed = attributes.replace(attributePattern, (whole, space: string, attribute: string, value = '') => (attribute.toLowerCase() === 'style' ? `${space}${styleMark}${value}` : whole));
    return `<${name}${renamed}${end}>`;
  });
}

/** CSS without anything that loads: @import rules dropped, non-data url() replaced by none. */
export function inertCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(\s*(?!['"]?\s*data:)[^)]*\)/gi, 'none');
}

/** The attributes of the e-mail's `<body>` tag (bgcolor, marked style), as a parsed element. */
function bodyAttributes(html: string, scratch: Document): Element | null {
  const match = /<body(\s[^>]*)?>/i.exec(html);
  if (!match?.[1]) return null;
  const template = scratch.createElement('template');
  template.innerHTML = `<div${match[1]}></div>`;
  return template.content.firstElementChild;
}

function cleanElement(element: Element): void {
  for (const attribute of [...element.attributes]) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('on') || (loading.includes(name) && !/^\s*data:/i.test(attribute.value))) element.removeAttribute(attribute.name);
    else if (name === 'href' && /^\s*(javascript|vbscript|data):/i.test(attribute.value)) element.removeAttribute(attribute.name);
  }
}

/** Base look of a mail client's reading pane: white paper, the client's default font. */
const clientDefaults = 'body { margin: 8px; background: #fff; color: #000; font-family: Arial, Helvetica, sans-serif; } img { max-width: 100%; }';

/**
 * Writes `html` into `doc` (the frame's document, same origin, scripts disabled by the sandbox):
 * parsed inertly in a template of the parent page, cleaned, imported, then styled through the CSSOM.
 */
export function renderEmail(doc: Document, html: string, scratch: Document = document): void {
  const marked = markStyleAttributes(html);
  const template = scratch.createElement('template');
  template.innerHTML = marked;
  const content = template.content;
  content.querySelectorAll(dropped).forEach((element) => element.remove());
  const sheets: string[] = [];
  content.querySelectorAll('style').forEach((element) => {
    sheets.push(element.textContent ?? '');
    element.remove();
  });
  content.querySelectorAll('*').forEach(cleanElement);
  const body = doc.body;
  for (const attribute of [...body.attributes]) body.removeAttribute(attribute.name);
  const bodyTag = bodyAttributes(marked, scratch);
  if (bodyTag) {
    cleanElement(bodyTag);
    for (const attribute of [...bodyTag.attributes]) if (attribute.name !== styleMark) body.setAttribute(attribute.name, attribute.value);
  }
  body.replaceChildren(...[...content.childNodes].map((node) => doc.importNode(node, true)));
  const styled: [HTMLElement, string][] = [...doc.querySelectorAll<HTMLElement>(`[${styleMark}]`)].map((element) => [element, element.getAttribute(styleMark) ?? '']);
  if (bodyTag?.hasAttribute(styleMark)) styled.push([body, bodyTag.getAttribute(styleMark) ?? '']);
  for (const [element, css] of styled) {
    element.removeAttribute(styleMark);
    element.style.cssText = inertCss(css);
  }
  const View = doc.defaultView as (Window & typeof globalThis) | null;
  if (!View) return;
  const base = new View.CSSStyleSheet();
  base.replaceSync(clientDefaults);
  const own = new View.CSSStyleSheet();
  own.replaceSync(inertCss(sheets.join('\n')));
  doc.adoptedStyleSheets = [base, own];
}
