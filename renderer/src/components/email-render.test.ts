import { describe, expect, it } from 'vitest';
import { inertCss, markStyleAttributes } from './email-render';

describe('e-mail rendering under the strict CSP', () => {
  it('renames style attributes before parsing (an inline style would be refused), leaving text and other attributes alone', () => {
    expect(markStyleAttributes('<p style="color:red" class=x>style="not an attribute"</p><td STYLE=\'a:b\' title="a > b">')).toBe(
      '<p data-mc-style="color:red" class=x>style="not an attribute"</p><td data-mc-style=\'a:b\' title="a > b">',
    );
    expect(markStyleAttributes('<div data-style="x" styles="y">')).toBe('<div data-style="x" styles="y">');
  });

  it('drops everything in CSS that loads: @import and remote url(); inline data: images stay', () => {
    expect(inertCss('@import url("https://evil.example/a.css"); p { background: url(https://t.example/p.gif) red; color: blue }')).toBe(' p { background: none red; color: blue }');
    expect(inertCss("h1 { background-image: url('data:image/png;base64,AAAA') }")).toBe("h1 { background-image: url('data:image/png;base64,AAAA') }");
  });
});
