/**
 * The Gmail row: Connect (optionally with an OAuth client id/secret), then "waiting for you to
 * finish signing in" until channels:list says connected; Disconnect after a confirmation.
 * Over HTTP the page opens Google's consent page itself; in the desktop app the engine does.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ChannelStatus } from '../../../shared/contract';
import { useClient } from '../client/client-context';
import { useApiMutation } from '../hooks/use-api';
import { canDisconnect, connectRequest, openConsentPage } from './channel-actions';
import { ChannelName, ChannelStateBadge } from './channel-parts';

interface Waiting {
  authUrl: string;
  message: string;
}

export function GmailChannel({ channel }: { channel: ChannelStatus }) {
  const client = useClient();
  const connect = useApiMutation('channels:connect', ['channels:list']);
  const disconnect = useApiMutation('channels:disconnect', ['channels:list']);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [showClient, setShowClient] = useState(false);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const formId = useId();

  // The sign-in finished: channels:list (refreshed by the channel_connected event) says so.
  // Adjusted while rendering (not in an effect), as React recommends for state derived from props.
  const [wasConnected, setWasConnected] = useState(channel.connected);
  if (channel.connected !== wasConnected) {
    setWasConnected(channel.connected);
    if (channel.connected) setWaiting(null);
  }

  // The sign-in failed in the background (denied, timed out): the engine logs it. Subscribed for
  // the row's whole life, so a refusal that arrives before the waiting state renders is not lost.
  useEffect(
    () =>
      client.subscribe('log:appended', (entry) => {
        if (entry.eventType !== 'channel_connect_failed') return;
        setWaiting(null);
        setProblem(entry.message);
      }),
    [client],
  );

  const isWaiting = waiting !== null && !channel.connected;

  const start = (event: FormEvent) => {
    event.preventDefault();
    const request = connectRequest(channel.id, clientId, clientSecret);
    if (!request.ok) return setProblem(request.error);
    setProblem(null);
    connect.mutate(request.input, {
      onSuccess: (answer) => {
        setClientSecret('');
        setShowClient(false);
        setWaiting(answer);
        openConsentPage(answer.authUrl, client.transport, (url, target, features) => window.open(url, target, features));
      },
      onError: (error) => {
        setProblem(error.message);
        setShowClient(true);
      },
    });
  };

  const stop = () => {
    if (window.confirm('Disconnect Gmail? Its tokens are removed from this computer and e-mail tasks wait until you connect again.')) {
      setProblem(null);
      disconnect.mutate({ id: channel.id }, { onError: (error) => setProblem(error.message) });
    }
  };

  return (
    <li className="channel-row" aria-label={channel.name} data-channel={channel.id}>
      <div className="channel-line">
        <ChannelName channel={channel} />
        <div className="channel-state" data-testid="gmail-state">
          {isWaiting ? <span className="badge badge-awaiting">Waiting for sign-in</span> : <ChannelStateBadge channel={channel} />}
          {isWaiting ? null : <span className="small">{channel.detail}</span>}
        </div>
        <div className="channel-actions">
          {canDisconnect(channel) ? (
            <button type="button" className="danger" disabled={disconnect.isPending} onClick={stop}>
              {disconnect.isPending ? 'Disconnecting…' : 'Disconnect'}
            </button>
          ) : null}
          {!channel.connected ? (
            <>
              <button type="button" className="ghost" aria-expanded={showClient} aria-controls={formId} onClick={() => setShowClient(!showClient)}>
                OAuth client {showClient ? '▴' : '▾'}
              </button>
              <button type="submit" form={formId} className={isWaiting ? '' : 'primary'} disabled={connect.isPending}>
                {connect.isPending ? 'Connecting…' : waiting ? 'Connect again' : 'Connect'}
              </button>
            </>
          ) : null}
        </div>
      </div>
      <form id={formId} className="channel-panel" onSubmit={start} hidden={channel.connected || !showClient} aria-label="Gmail OAuth client">
        <p className="muted small">
          A Google Cloud OAuth client of type “Desktop app”. Needed once unless GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET are set; stored on this computer.
        </p>
        <div className="form-row">
          <label>
            OAuth client id
            <input value={clientId} onChange={(event) => setClientId(event.target.value)} autoComplete="off" spellCheck={false} placeholder="1234-abc.apps.googleusercontent.com" />
          </label>
          <label>
            OAuth client secret
            <input type="password" value={clientSecret} onChange={(event) => setClientSecret(event.target.value)} autoComplete="off" />
          </label>
        </div>
      </form>
      {waiting && isWaiting ? (
        <div className="channel-panel banner banner-info" role="status" data-testid="gmail-waiting">
          <strong>Waiting for you to finish signing in…</strong>
          <div>{waiting.message}</div>
          <div className="small">
            No sign-in page? <a href={waiting.authUrl} target="_blank" rel="noopener noreferrer">Open Google’s sign-in page</a>
            {' · '}
            <button type="button" className="link-button" onClick={() => setWaiting(null)}>
              Stop waiting
            </button>
          </div>
        </div>
      ) : null}
      {problem ? (
        <p className="channel-panel error-text" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
