import {
  clearSessionCookie,
  readCookie,
  sessionCookie,
  signInCookie,
} from '../../../functions/console/http.js';

describe('the console cookies', () => {
  it('keeps the session cookie to the console, HttpOnly, SameSite=Strict and Secure on https', () => {
    expect(sessionCookie('https://api.example/prod', 'abc', 900)).toBe(
      'concord_console=abc; Path=/prod/console; Max-Age=900; HttpOnly; SameSite=Strict; Secure',
    );
    expect(sessionCookie('http://127.0.0.1:3000', 'abc', 900)).toBe(
      'concord_console=abc; Path=/console; Max-Age=900; HttpOnly; SameSite=Strict',
    );
    expect(clearSessionCookie('https://concord.example')).toBe(
      'concord_console=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('lets the sign-in cookie ride the provider’s cross-site redirect (Lax), to the callback only', () => {
    expect(signInCookie('https://concord.example', 'tx', 600)).toBe(
      'concord_sign_in=tx; Path=/console/callback; Max-Age=600; HttpOnly; SameSite=Lax; Secure',
    );
  });

  it('reads a cookie by its exact name, however the header is cased', () => {
    const event = { headers: { cookie: 'concord_console_x=1; concord_console=s-1; other=2' } };

    expect(readCookie(event, 'concord_console')).toBe('s-1');
    expect(readCookie({ headers: { Cookie: 'a=1' } }, 'concord_console')).toBeUndefined();
    expect(readCookie({ headers: { Cookie: 'concord_console=' } }, 'concord_console')).toBeUndefined();
    expect(readCookie({ headers: {} }, 'concord_console')).toBeUndefined();
  });
});
