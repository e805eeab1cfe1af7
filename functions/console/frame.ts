import type { ConsoleFrame } from '../views/console/layout.js';
import type { ConsoleEvent } from './access.js';

export interface ConsoleSite {
  publicUrl: string;
  /** The identity provider's origin (signing out goes on there). */
  providerOrigin?: string;
}

/** What a person's console page needs of the request: who they are and their session's token for its forms. */
export function frameOf(event: ConsoleEvent, site: ConsoleSite): ConsoleFrame {
  return {
    publicUrl: site.publicUrl,
    principal: event.principal,
    csrfToken: event.csrfToken ?? '',
    ...(site.providerOrigin ? { providerOrigin: site.providerOrigin } : {}),
  };
}

/** Programs read JSON whatever they accept; people get pages unless they ask for JSON. */
export const answersJson = (event: ConsoleEvent, wantsJson: boolean) =>
  wantsJson || event.principal.kind === 'program';
