/**
 * Shown when the server answers 401: the browser has no session cookie yet. The token is
 * exchanged for an HttpOnly cookie by `GET /auth?token=…` (the link printed at start-up).
 */
import { useState, type FormEvent } from 'react';

export function AuthScreen() {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (value) window.location.assign(`/auth?token=${encodeURIComponent(value)}`);
  };
  return (
    <div className="auth-screen">
      <form className="card auth-card form" onSubmit={submit}>
        <h1>Sign in to Mission Control</h1>
        <p>
          Open the link printed by <code>mission-control serve</code> in its terminal (it ends in <code>/auth?token=…</code>), or paste
          the token here. With <code>CRON_SECRET</code> set, the token is that secret.
        </p>
        <label>
          Token
          <input type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} autoFocus />
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
