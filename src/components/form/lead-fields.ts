// The lead fields every public form asks for, described once: the lead form,
// the registration form and their error summaries read the same list, with
// labels, hints and options in the page's language (t from i18nOf).
import { companySizes } from '../../../db/tables';
import type { Translate } from '../../i18n/catalogue';

export interface FieldSpec {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'select';
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  hint?: string;
  options?: Array<{ value: string; label: string }>;
}

const all = {
  email: (t: Translate): FieldSpec => ({ name: 'email', label: t('field.email'), type: 'email', required: true, autocomplete: 'email', maxlength: 254 }),
  name: (t: Translate): FieldSpec => ({ name: 'name', label: t('field.name'), autocomplete: 'name', maxlength: 120 }),
  company: (t: Translate): FieldSpec => ({ name: 'company', label: t('field.company'), autocomplete: 'organization', maxlength: 160 }),
  jobTitle: (t: Translate): FieldSpec => ({ name: 'jobTitle', label: t('field.jobTitle'), autocomplete: 'organization-title', maxlength: 120 }),
  companySize: (t: Translate): FieldSpec => ({ name: 'companySize', label: t('field.companySize'), type: 'select', options: companySizes.map((s) => ({ value: s, label: t('field.companySizeOption', { size: s }) })) }),
  phone: (t: Translate): FieldSpec => ({ name: 'phone', label: t('field.phone'), type: 'tel', autocomplete: 'tel', maxlength: 40, hint: t('field.phoneHint') }),
  wechat: (t: Translate): FieldSpec => ({ name: 'wechat', label: t('field.wechat'), autocomplete: 'off', maxlength: 64 }),
} satisfies Record<string, (t: Translate) => FieldSpec>;

export type LeadFieldName = keyof typeof all;

/** The specs of `names`, worded by `t` (the page's translator). */
export function leadFieldSpecs(names: readonly LeadFieldName[], t: Translate): FieldSpec[] {
  return names.map((n) => all[n](t));
}

/** Field name → control id and label, for the error summary. */
export function summaryFields(prefix: string, specs: FieldSpec[], extra: Record<string, string> = {}): Record<string, { id: string; label: string }> {
  const fields: Record<string, { id: string; label: string }> = {};
  for (const s of specs) fields[s.name] = { id: `${prefix}-${s.name}`, label: s.label };
  for (const [name, label] of Object.entries(extra)) fields[name] = { id: `${prefix}-${name}`, label };
  return fields;
}

type KnownPerson = { email: string; name: string | null; company: string | null; jobTitle: string | null; companySize: string | null; phone: string | null; wechat?: string | null };

/** What a known person has already told us, to prefill a form. */
export function prefillFrom(person: KnownPerson | null): Record<string, string> {
  if (!person) return {};
  const entries = Object.entries({ email: person.email, name: person.name, company: person.company, jobTitle: person.jobTitle, companySize: person.companySize, phone: person.phone, wechat: person.wechat });
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}
