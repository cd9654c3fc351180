import { Suspense, type ReactNode } from 'react';
import { prerender } from 'react-dom/static';
import { describe, expect, it } from 'vitest';
import { lazyView, ViewLoadError } from './lazy-view';

/** Renders until every Suspense boundary has resolved; returns the HTML and the errors reported. */
async function render(node: ReactNode): Promise<{ html: string; errors: unknown[] }> {
  const errors: unknown[] = [];
  const { prelude } = await prerender(node, { onError: (error) => void errors.push(error) });
  return { html: await new Response(prelude).text(), errors };
}

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

describe('lazyView', () => {
  it('loads the view once, on first render, not when defined', async () => {
    let loads = 0;
    const View = lazyView('Greeting', async () => {
      loads++;
      return Greeting;
    });
    expect(loads).toBe(0);
    expect((await render(<View name="Kenny" />)).html).toContain('Hello <!-- -->Kenny');
    await render(<View name="again" />);
    expect(loads).toBe(1);
  });

  it('reports a failed load as a ViewLoadError naming the view; retry() fetches again', async () => {
    let attempt = 0;
    const View = lazyView('Settings', async () => {
      attempt++;
      if (attempt === 1) throw new TypeError('Failed to fetch dynamically imported module: /assets/settings-view.js');
      return Greeting;
    });
    const failed = await render(
      <Suspense fallback="loading">
        <View name="Kenny" />
      </Suspense>,
    );
    const error = failed.errors[0];
    expect(error).toBeInstanceOf(ViewLoadError);
    expect((error as ViewLoadError).viewName).toBe('Settings');
    expect((error as ViewLoadError).message).toContain('Failed to fetch dynamically imported module');

    // Without retry the failure stands (no fetch loop).
    await render(
      <Suspense fallback="loading">
        <View name="Kenny" />
      </Suspense>,
    );
    expect(attempt).toBe(1);

    (error as ViewLoadError).retry();
    expect((await render(<View name="Kenny" />)).html).toContain('Hello');
    expect(attempt).toBe(2);
  });

  it('forgets a failed preload, so opening the view fetches again', async () => {
    let attempt = 0;
    const View = lazyView('Logs', async () => {
      attempt++;
      if (attempt === 1) throw new TypeError('offline');
      return Greeting;
    });
    View.preload();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(attempt).toBe(1);
    expect((await render(<View name="Kenny" />)).html).toContain('Hello');
    expect(attempt).toBe(2);
  });
});
