// The refusals that list every lead status: built from the list, so the API's
// English and the Chinese in src/i18n/messages/sentences/staff.ts never drift from it.
import { leadStatuses } from '../../../db/tables';

export const STATUS_LIST_MESSAGE = `status is one or more of ${leadStatuses.join(',')}.`;
export const STATUS_ONE_MESSAGE = `status is one of ${leadStatuses.join(', ')}.`;
