import type { Intake } from '../schemas/intake.js';

/** Who a case's email goes to on the patient's side: the patient, and the referring physician when named. */
export const CONTACT_ROLES = ['patient', 'physician'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export interface Contact {
  role: ContactRole;
  email: string;
}

/** Who filled in the intake, and so who must confirm it before anyone else hears of it. */
export function submitterOf(intake: Intake): Contact {
  return intake.submittedBy === 'physician' && intake.referringPhysician
    ? { role: 'physician', email: intake.referringPhysician.email }
    : { role: 'patient', email: intake.patient.email };
}

/** The patient's side of the case: the patient, then the referring physician when there is one. */
export function contactsOf(intake: Intake): Contact[] {
  return [
    { role: 'patient', email: intake.patient.email },
    ...(intake.referringPhysician
      ? [{ role: 'physician' as const, email: intake.referringPhysician.email }]
      : []),
  ];
}

/** The contact with this address (compared without case), if the case has one. */
export function contactWithAddress(intake: Intake, address: string): Contact | undefined {
  const wanted = address.trim().toLowerCase();
  return contactsOf(intake).find((contact) => contact.email.toLowerCase() === wanted);
}
