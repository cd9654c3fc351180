/**
 * The small Google Ads account the fake server holds: a customer in ZAR, three campaigns, a shared
 * budget (two campaigns) and an unshared one, two ad groups and two keywords (one with its own
 * bid, one inheriting the ad group's). Values use the REST shapes: camelCase, int64 as strings.
 */

export type Resource = Record<string, unknown> & { resourceName: string };

export interface ChangeEvent {
  changeDateTime: string;
  userEmail: string;
  clientType: string;
  changeResourceName: string;
  changedFields: string;
}

export const customerId = '1234567890';
const rn = (collection: string, id: string) => `customers/${customerId}/${collection}/${id}`;

export class FakeAdsAccount {
  customer: Resource = { resourceName: `customers/${customerId}`, id: customerId, descriptiveName: 'Audico', currencyCode: 'ZAR', timeZone: 'Africa/Johannesburg' };
  budgets = new Map<string, Resource>([
    ['9001', { resourceName: rn('campaignBudgets', '9001'), id: '9001', name: 'Speakers shared', amountMicros: '500000000', explicitlyShared: true }],
    ['9002', { resourceName: rn('campaignBudgets', '9002'), id: '9002', name: 'Home Theatre daily', amountMicros: '200000000', explicitlyShared: false }],
  ]);
  campaigns = new Map<string, Resource>([
    ['111', { resourceName: rn('campaigns', '111'), id: '111', name: 'Home Theatre', status: 'ENABLED', campaignBudget: rn('campaignBudgets', '9002') }],
    ['222', { resourceName: rn('campaigns', '222'), id: '222', name: 'Speakers Brand', status: 'ENABLED', campaignBudget: rn('campaignBudgets', '9001') }],
    ['333', { resourceName: rn('campaigns', '333'), id: '333', name: 'Speakers Generic', status: 'PAUSED', campaignBudget: rn('campaignBudgets', '9001') }],
  ]);
  adGroups = new Map<string, Resource>([
    ['555', { resourceName: rn('adGroups', '555'), id: '555', name: 'Denon AVR', status: 'ENABLED', campaign: rn('campaigns', '111'), cpcBidMicros: '4000000' }],
    ['556', { resourceName: rn('adGroups', '556'), id: '556', name: 'Bookshelf speakers', status: 'ENABLED', campaign: rn('campaigns', '222'), cpcBidMicros: '2500000' }],
  ]);
  criteria = new Map<string, Resource>([
    ['555~777', { resourceName: rn('adGroupCriteria', '555~777'), criterionId: '777', adGroup: rn('adGroups', '555'), keyword: { text: 'denon avr x3800h', matchType: 'EXACT' }, cpcBidMicros: '4500000' }],
    ['555~778', { resourceName: rn('adGroupCriteria', '555~778'), criterionId: '778', adGroup: rn('adGroups', '555'), keyword: { text: 'denon receiver', matchType: 'PHRASE' } }],
  ]);
  changeEvents: ChangeEvent[] = [];

  private byName(resourceName: string): Resource | undefined {
    for (const map of [this.budgets, this.campaigns, this.adGroups, this.criteria]) for (const resource of map.values()) if (resource.resourceName === resourceName) return resource;
    return undefined;
  }

  find(resourceName: string): Resource | undefined {
    return this.byName(resourceName);
  }

  /** A person changes a value in the Google Ads UI (recorded as a change_event). */
  changeByPerson(resourceName: string, field: string, value: string, userEmail = 'kenny@audico.co.za', at = new Date()): void {
    const resource = this.byName(resourceName);
    if (!resource) throw new Error(`no ${resourceName}`);
    resource[field] = value;
    this.changeEvents.push({ changeDateTime: at.toISOString().replace('T', ' ').slice(0, 19), userEmail, clientType: 'GOOGLE_ADS_WEB_CLIENT', changeResourceName: resourceName, changedFields: field });
  }

  /** The joined rows GAQL selects from, per resource (attributed resources included). */
  rows(resource: string): Record<string, unknown>[] {
    const budgetOf = (campaign: Resource) => [...this.budgets.values()].find((budget) => budget.resourceName === campaign.campaignBudget);
    const campaignOf = (adGroup: Resource) => [...this.campaigns.values()].find((campaign) => campaign.resourceName === adGroup.campaign)!;
    const withCounts = (budget: Resource | undefined) =>
      budget && { ...budget, referenceCount: String([...this.campaigns.values()].filter((c) => c.campaignBudget === budget.resourceName && c.status !== 'REMOVED').length) };
    switch (resource) {
      case 'customer':
        return [{ customer: this.customer }];
      case 'campaign':
        return [...this.campaigns.values()].map((campaign) => ({ campaign, campaignBudget: withCounts(budgetOf(campaign)), customer: this.customer }));
      case 'campaign_budget':
        return [...this.budgets.values()].map((budget) => ({ campaignBudget: withCounts(budget), customer: this.customer }));
      case 'ad_group':
        return [...this.adGroups.values()].map((adGroup) => ({ adGroup, campaign: campaignOf(adGroup), customer: this.customer }));
      case 'ad_group_criterion':
        return [...this.criteria.values()].map((criterion) => {
          const adGroup = [...this.adGroups.values()].find((group) => group.resourceName === criterion.adGroup)!;
          const effective = (criterion.cpcBidMicros as string | undefined) ?? (adGroup.cpcBidMicros as string);
          return { adGroupCriterion: { ...criterion, effectiveCpcBidMicros: effective }, adGroup, campaign: campaignOf(adGroup), customer: this.customer };
        });
      case 'change_event':
        return this.changeEvents.map((event) => ({ changeEvent: { resourceName: `customers/${customerId}/changeEvents/${event.changeDateTime}`, ...event } }));
      default:
        throw new Error(`unknown resource ${resource}`);
    }
  }
}
