import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuthScreen } from './auth-screen';

describe('AuthScreen', () => {
  it('posts the pasted token as a form field (never in a URL query string)', () => {
    const html = renderToStaticMarkup(<AuthScreen />);
    const form = /<form[^>]*>/.exec(html)?.[0] ?? '';
    expect(form).toContain('method="post"');
    expect(form).toContain('action="/auth"');
    const input = /<input[^>]*type="password"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('name="token"');
  });
});
