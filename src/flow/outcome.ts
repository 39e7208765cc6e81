import type { SessionStatus } from '../api/contract.js';
import type { Outcome } from './machine.js';

/** What a final session status means for the applicant; null while the session is still open. */
export function outcomeForSession(status: SessionStatus): Outcome | null {
  switch (status) {
    case 'completed':
    case 'approved':
      return 'passed';
    case 'marked_for_review':
      return 'review';
    case 'declined':
    case 'failed':
      return 'failed';
    case 'expired':
      return 'expired';
    default:
      return null;
  }
}
