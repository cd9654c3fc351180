/**
 * Renderer entry. index.html runs boot/boot.ts before it (its own script, no imports): that has
 * already asked for the route's view chunk and first data. This entry's chunk runs only after
 * React and the contract are fetched and evaluated; its first line after the styles then starts
 * evaluating the view module, before root.tsx renders the shell.
 */
import './styles.css';
import './preload-route';
import './root';
