/**
 * Renderer entry. Module bodies run in import order: the first line after the styles starts
 * fetching the current route's view, so its chunk arrives while React and the app are being
 * evaluated instead of after the app has rendered its loading state.
 */
import './styles.css';
import './preload-route';
import './root';
