/**
 * One channel in Settings → Channels: its state (connected as whom / not connected / needs
 * reconnecting and why / error), Connect with a form generated from its declaration, Check now,
 * and Disconnect after a confirmation. An OAuth method shows "waiting for you to finish signing
 * in" until channels:list says connected; over HTTP the page opens the consent page itself.
 */
import { useEffect, useId, useState } from 'react';
import type { ChannelStatus } from '../../../shared/contract';
import { useClient } from '../client/client-context';
import { useApiMutation } from '../hooks/use-api';
import { canCheck, canDisconnect, connectInput, fieldErrorsOf, initialMethod, isConnectable, lockedFields, needsInput, openConsentPage } from './channel-actions';
import { ChannelConnectForm } from './channel-connect-form';
import { ChannelName, ChannelStateBadge } from './channel-parts';
import { relativeTime } from './format';

interface Waiting {
  authUrl: string;
  message: string;
}

const invalidates = ['channels:list', 'alerts:list'] as const;

export function ChannelRow({ channel }: { channel: ChannelStatus }) {
  const client = useClient();
  const connect = useApiMutation('channels:connect', [...invalidates]);
  const check = useApiMutation('channels:check', [...invalidates]);
  const disconnect = useApiMutation('channels:disconnect', [...invalidates]);
  const [methodId, setMethodId] = useState(() => initialMethod(channel));
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [showForm, setShowForm] = useState(false);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const formId = useId();
  const connected = channel.status.state === 'connected';

  // The sign-in finished: channels:list (refreshed by the channel_connected event) says so.
  // Adjusted while rendering (not in an effect), as React recommends for state derived from props.
  const [wasConnected, setWasConnected] = useState(connected);
  if (connected !== wasConnected) {
    setWasConnected(connected);
    if (connected) setWaiting(null);
  }

  // The sign-in failed in the background (denied, timed out): the engine logs it. Subscribed for
  // the row's whole life, so a refusal that arrives before the waiting state renders is not lost.
  useEffect(
    () =>
      client.subscribe('log:appended', (entry) => {
        if (entry.eventType !== 'channel_connect_failed' || (entry.context as { channel?: unknown } | undefined)?.channel !== channel.id) return;
        setWaiting(null);
        setProblem(entry.message);
      }),
    [client, channel.id],
  );

  if (!isConnectable(channel) || !channel.descriptor) {
    return (
      <li className="channel-row" aria-label={channel.name} data-channel={channel.id}>
        <div className="channel-line">
          <ChannelName channel={channel} />
          <div className="channel-state">
            <ChannelStateBadge channel={channel} />
            <span className="muted small">{channel.status.detail}</span>
          </div>
          <div className="channel-actions">
            <span className="muted small">Not available yet</span>
          </div>
        </div>
      </li>
    );
  }
  const descriptor = channel.descriptor;
  const method = descriptor.methods.find((candidate) => candidate.id === methodId) ?? descriptor.methods[0]!;
  const isWaiting = waiting !== null && !connected;

  const submit = () => {
    if (needsInput(method, values, channel.envSet)) {
      const locked = lockedFields(method, channel.envSet);
      setErrors(Object.fromEntries(method.fields.filter((field) => field.required && !locked.has(field.key) && !(values[field.key] ?? '').trim()).map((field) => [field.key, `${field.label} is required`])));
      setProblem(`Fill in what ${descriptor.name} needs below, then Connect.`);
      return setShowForm(true);
    }
    setProblem(null);
    setErrors({});
    connect.mutate(connectInput(channel.id, method, values, channel.envSet), {
      onSuccess: (answer) => {
        setValues({});
        setShowForm(false);
        if (answer.authUrl) {
          setWaiting({ authUrl: answer.authUrl, message: answer.message });
          openConsentPage(answer.authUrl, client.transport, (url, target, features) => window.open(url, target, features));
        }
      },
      onError: (error) => {
        setProblem(error.message);
        const fields = fieldErrorsOf(error);
        setErrors(fields);
        if (Object.keys(fields).length > 0) setShowForm(true);
      },
    });
  };

  const stop = () => {
    if (window.confirm(`Disconnect ${channel.name}? Its credentials are removed from this computer and ${channel.name} tasks wait until you connect again.`)) {
      setProblem(null);
      disconnect.mutate({ id: channel.id }, { onError: (error) => setProblem(error.message) });
    }
  };

  const runCheck = () => {
    setProblem(null);
    check.mutate({ id: channel.id }, { onError: (error) => setProblem(error.message) });
  };

  const last = channel.status.lastCheck;
  return (
    <li className="channel-row" aria-label={channel.name} data-channel={channel.id}>
      <div className="channel-line">
        <ChannelName channel={channel} />
        <div className="channel-state" data-testid="channel-state">
          {isWaiting ? <span className="badge badge-awaiting">Waiting for sign-in</span> : <ChannelStateBadge channel={channel} />}
          {isWaiting ? null : (
            <span className="small">
              {channel.status.detail}
              {last ? <span className="muted"> · checked {relativeTime(last.at)}</span> : null}
            </span>
          )}
        </div>
        <div className="channel-actions">
          {canCheck(channel) ? (
            <button type="button" disabled={check.isPending} onClick={runCheck}>
              {check.isPending ? 'Checking…' : 'Check now'}
            </button>
          ) : null}
          {canDisconnect(channel) ? (
            <button type="button" className="danger" disabled={disconnect.isPending} onClick={stop}>
              {disconnect.isPending ? 'Disconnecting…' : 'Disconnect'}
            </button>
          ) : null}
          {!connected ? (
            <>
              <button type="button" className="ghost" aria-expanded={showForm} aria-controls={formId} onClick={() => setShowForm(!showForm)}>
                Credentials {showForm ? '▴' : '▾'}
              </button>
              <button type="submit" form={formId} className={isWaiting ? '' : 'primary'} disabled={connect.isPending}>
                {connect.isPending ? 'Connecting…' : waiting ? 'Connect again' : channel.status.state === 'not_connected' ? 'Connect' : 'Reconnect'}
              </button>
            </>
          ) : null}
        </div>
      </div>
      <ChannelConnectForm
        formId={formId}
        descriptor={descriptor}
        methodId={method.id}
        onMethod={(id) => {
          setMethodId(id);
          setErrors({});
        }}
        values={values}
        onValue={(key, value) => setValues((current) => ({ ...current, [key]: value }))}
        errors={errors}
        envSet={channel.envSet}
        hidden={connected || !showForm}
        onSubmit={submit}
      />
      {waiting && isWaiting ? (
        <div className="channel-panel banner banner-info" role="status" data-testid="channel-waiting">
          <strong>Waiting for you to finish signing in…</strong>
          <div>{waiting.message}</div>
          <div className="small">
            No sign-in page?{' '}
            <a href={waiting.authUrl} target="_blank" rel="noopener noreferrer">
              Open the {descriptor.name} sign-in page
            </a>
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
