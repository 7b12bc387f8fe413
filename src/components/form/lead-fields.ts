// The lead fields every public form asks for, described once: the lead form,
// the registration form and their error summaries read the same list.
import { companySizes } from '../../../db/tables';

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

const all: Record<string, FieldSpec> = {
  email: { name: 'email', label: 'Work email', type: 'email', required: true, autocomplete: 'email', maxlength: 254 },
  name: { name: 'name', label: 'Full name', autocomplete: 'name', maxlength: 120 },
  company: { name: 'company', label: 'Company', autocomplete: 'organization', maxlength: 160 },
  jobTitle: { name: 'jobTitle', label: 'Job title', autocomplete: 'organization-title', maxlength: 120 },
  companySize: { name: 'companySize', label: 'Company size', type: 'select', options: companySizes.map((s) => ({ value: s, label: `${s} employees` })) },
  phone: { name: 'phone', label: 'Phone', type: 'tel', autocomplete: 'tel', maxlength: 40, hint: 'Only for changes on the day.' },
};

export type LeadFieldName = keyof typeof all;

export function leadFieldSpecs(names: readonly LeadFieldName[]): FieldSpec[] {
  return names.map((n) => all[n]!);
}

/** Field name → control id and label, for the error summary. */
export function summaryFields(prefix: string, specs: FieldSpec[], extra: Record<string, string> = {}): Record<string, { id: string; label: string }> {
  const fields: Record<string, { id: string; label: string }> = {};
  for (const s of specs) fields[s.name] = { id: `${prefix}-${s.name}`, label: s.label };
  for (const [name, label] of Object.entries(extra)) fields[name] = { id: `${prefix}-${name}`, label };
  return fields;
}

/** What a known person has already told us, to prefill a form. */
export function prefillFrom(person: { email: string; name: string | null; company: string | null; jobTitle: string | null; companySize: string | null; phone: string | null } | null): Record<string, string> {
  if (!person) return {};
  const entries = Object.entries({ email: person.email, name: person.name, company: person.company, jobTitle: person.jobTitle, companySize: person.companySize, phone: person.phone });
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
}
