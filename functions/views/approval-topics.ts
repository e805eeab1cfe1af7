/** What a coordinator is asked about, in a few words, by the approval's purpose (its page's title, its email). */
const TOPICS: Record<string, string> = {
  coverage: 'coverage not confirmed',
  'prior-authorization-denied': 'prior authorization denied',
  'prior-authorization-overdue': 'prior authorization overdue',
  'records-incomplete': 'records incomplete',
  'specialist-match': 'proposed specialist',
  'third-opinion': 'third opinion',
};

export const approvalTopic = (purpose: string): string => TOPICS[purpose] ?? purpose.replace(/-/g, ' ');
