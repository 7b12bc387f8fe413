// The packages as first written in content/packages/*.json: the rows the packages table starts
// with (ensurePackages inserts the missing ones on start and in db:seed). After that the rows,
// edited in /admin/packages/, are what /pricing/ shows; these files only fill an empty table.
import communityCohorts from '../../../content/packages/community-cohorts.json';
import growthFlywheel from '../../../content/packages/growth-flywheel.json';
import leadScoringDesk from '../../../content/packages/lead-scoring-desk.json';
import partnerChannel from '../../../content/packages/partner-channel.json';
import salonKit from '../../../content/packages/salon-kit.json';

export interface PackageFile {
  name: string;
  kind: string;
  tagline: string;
  priceCny: number;
  anchorPriceCny?: number;
  period: string;
  features: string[];
  includes?: string[];
  order: number;
  highlighted?: boolean;
  zh?: { name: string; tagline: string; features: string[] };
}

export const PACKAGE_FILES: Record<string, PackageFile> = {
  'growth-flywheel': growthFlywheel,
  'lead-scoring-desk': leadScoringDesk,
  'salon-kit': salonKit,
  'community-cohorts': communityCohorts,
  'partner-channel': partnerChannel,
};
