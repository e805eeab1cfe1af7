import type { Specialist } from '../../functions/schemas/directory.js';

/** A directory entry: virtual, licensed in CA, English, capacity 2; tests change what they test. */
export function specialist(id: string, changes: Partial<Specialist> = {}): Specialist {
  return {
    specialistId: id,
    name: `Dr. ${id}`,
    email: `${id}@example.org`,
    organization: `Org ${id}`,
    disciplines: ['medical-oncology'],
    cancerTypes: ['lung'],
    licensedStates: ['CA'],
    practiceStates: [],
    languages: ['en'],
    networks: [],
    virtual: true,
    inPerson: false,
    capacity: 2,
    turnaroundDays: 5,
    ...changes,
  };
}
