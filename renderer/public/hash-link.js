// Loaded, blocking, by the page `serve` renders ahead at `/` (electron/server/page-render.ts),
// before anything is painted. The server renders Today there without seeing the address's
// fragment; an old `/#/queues` link names another view in it. Such a page is hidden here
// (styles.css) and the app builds the linked view in its place (renderer/src/root.tsx), so
// Today never shows for a moment first.
if (/^#\//.test(window.location.hash)) document.documentElement.setAttribute('data-mc-stale-page', '');
