/**
 * The Gmail channel's public surface for the hosts (engine default handlers, desktop app, CLI).
 */
export { attachGmailToEngine, defaultAlertThrottleMs, type AttachedGmail } from './alert-emails';
export { GmailAccount, verifyGmail, type GmailStatus } from './gmail-account';
export { gmailConfigFromEnv, notConnectedMessage, type GmailConfig } from './gmail-config';
export { createGmailHandler, isGmailHandler, type GmailHandler, type GmailHandlerOptions } from './gmail-handler';
export { connectGmail, type ConnectGmailOptions, type ConnectGmailResult } from './oauth-loopback';
