import { CampaignEntryForm } from '../modules/campaigns/campaign-entry-form';

export function CampaignPage() {
  return <CampaignEntryForm />;
}
