// The checker the fake Brevo server runs on every request must itself catch drift, or the
// "checked against the OpenAPI description" claim means nothing.
import { describe, expect, it } from 'vitest';
import { checkRequest, checkResponse, loadBrevoOpenApi } from './openapi-check';

const spec = loadBrevoOpenApi();
const url = (path: string) => new URL(`http://127.0.0.1/v3${path}`);

describe('Brevo OpenAPI check', () => {
  it('accepts a conforming campaign creation', () => {
    expect(checkRequest(spec, 'POST', url('/emailCampaigns'), { name: 'May [mc-1]', sender: { email: 'a@b.example', name: 'A' }, subject: 'S', htmlContent: '<p>x</p>', recipients: { listIds: [7] }, tag: 'mc-1' })).toEqual([]);
  });

  it('refuses a missing required field, a wrong type, an undeclared field, path or query parameter', () => {
    expect(checkRequest(spec, 'POST', url('/emailCampaigns'), { name: 'x', subject: 'S' })).toEqual(['POST /emailCampaigns body.sender: required']);
    expect(checkRequest(spec, 'POST', url('/emailCampaigns'), { name: 'x', sender: { email: 'a@b.example' }, recipients: { listIds: ['7'] } })).toEqual(['POST /emailCampaigns body.recipients.listIds[0]: expected an integer, got "7"']);
    expect(checkRequest(spec, 'POST', url('/emailCampaigns'), { name: 'x', sender: { email: 'a@b.example' }, lists: [7] })).toEqual(['POST /emailCampaigns body.lists: not in the API description']);
    expect(checkRequest(spec, 'POST', url('/emailCampaigns/abc/sendNow'), undefined)).toEqual(['POST /emailCampaigns/{campaignId}/sendNow path campaignId: expected an integer, got "abc"']);
    expect(checkRequest(spec, 'POST', url('/emailCampaigns/5/sendNowPlease'), undefined)).toEqual(['POST /v3/emailCampaigns/5/sendNowPlease: no such operation in the Brevo API description']);
    expect(checkRequest(spec, 'GET', url('/emailCampaigns?status=running'), undefined)[0]).toContain('query status: "running" is not one of');
    expect(checkRequest(spec, 'GET', url('/emailCampaigns?page=2'), undefined)).toEqual(['GET /emailCampaigns: query parameter "page" is not in the API description']);
    expect(checkRequest(spec, 'POST', url('/emailCampaigns/5/sendTest'), undefined)).toEqual(['POST /emailCampaigns/{campaignId}/sendTest: a JSON body is required']);
  });

  it('checks answers too: a list without its counts does not fit', () => {
    expect(checkResponse(spec, 'GET', url('/contacts/lists/7'), 200, { id: 7, name: 'L', createdAt: 'x', folderId: 1 })).toEqual([
      'GET /contacts/lists/{listId} 200.totalBlacklisted: required',
      'GET /contacts/lists/{listId} 200.totalSubscribers: required',
      'GET /contacts/lists/{listId} 200.uniqueSubscribers: required',
    ]);
    expect(checkResponse(spec, 'POST', url('/emailCampaigns/5/sendNow'), 402, { code: 'not_enough_credits', message: 'No credits' })).toEqual([]);
  });
});
