import {
  GoneError,
  ForbiddenError,
  AlreadyDecidedError,
  ValidationError,
} from '../../../functions/shared/errors.js';
import { errorPage } from '../../../functions/views/callback-pages.js';

/** The page's words, tags dropped and spaces collapsed. */
const words = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a refused link page', () => {
  it('tells a patient whose link expired why, and how to get a fresh one from the front page', () => {
    const page = errorPage(new GoneError('This link has expired'), {
      frontPage: 'https://concord.example.org/',
    });

    expect(page.statusCode).toBe(410);
    expect(words(page.body)).toContain('This link has expired');
    expect(words(page.body)).toContain('For a fresh link, or to send a request again, see our front page .');
    expect(page.body).toContain('href="https://concord.example.org/#resend"');
  });

  it('tells staff holding an invalid link to ask the care team, by address', () => {
    const page = errorPage(
      new ForbiddenError(
        'This link is not valid: part of it may be missing or changed (copy the whole link from the email)',
      ),
      {
        careTeam: 'team@example.org',
      },
    );

    expect(page.statusCode).toBe(403);
    expect(words(page.body)).toContain('For a fresh link, ask the care team: team@example.org');
    expect(page.body).toContain('href="mailto:team@example.org"');
  });

  it('sends the submitter of an intake not confirmed in time to the front page, to send it again', () => {
    const page = errorPage(new GoneError('This request was not confirmed in time'), {
      frontPage: 'https://concord.example.org/',
    });

    expect(words(page.body)).toContain('or to send a request again');
    expect(page.body).toContain('href="https://concord.example.org/#resend"');
  });

  it.each([
    ['an answer already given', new AlreadyDecidedError('someone@example.org', '2026-12-01T00:00:00Z')],
    [
      'a mistake in the form',
      new ValidationError('The answer is invalid', [{ path: 'decision', message: 'Bad' }]),
    ],
  ])('offers no fresh link for %s: the link itself works', (_, error) => {
    const page = errorPage(error, { careTeam: 'team@example.org' });

    expect(page.body).not.toContain('fresh link');
  });
});
