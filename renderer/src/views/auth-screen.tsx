/**
 * Shown when the server answers 401: the browser has no session cookie yet. The pasted token is
 * POSTed to /auth as a form field (never put in a URL, so it stays out of the browser history
 * and server logs); the server answers 303 to / with an HttpOnly session cookie.
 */
import { useState } from 'react';

export function AuthScreen() {
  const [token, setToken] = useState('');
  return (
    <div className="auth-screen">
      <form className="card auth-card form" method="post" action="/auth">
        <h1>Sign in to Mission Control</h1>
        <p>
          Open the link printed by <code>mission-control serve</code> in its terminal (it ends in <code>/auth?token=…</code>), or paste
          the token here. With <code>CRON_SECRET</code> set, the token is that secret.
        </p>
        <label>
          Token
          <input type="password" name="token" autoComplete="off" required value={token} onChange={(event) => setToken(event.target.value)} autoFocus />
        </label>
        <div className="form-actions">
          <a href="/auth">Open the sign-in page</a>
          <button type="submit" className="primary" disabled={!token.trim()}>
            Sign in
          </button>
        </div>
      </form>
    </div>
  );
}
