import { useEffect, useState } from 'react';
import { api, onUnauthorized, session } from './api';
import { AuthForm } from './components/AuthForm';
import { SignedInApp } from './components/SignedInApp';
import { navigate } from './routes';

export function App() {
  const [email, setEmail] = useState<string | null>(() => (session.token() ? (session.email() ?? '') : null));
  const [notice, setNotice] = useState<string | null>(null);

  // Any 401 on a signed-in request (expired or revoked token) returns to sign-in.
  useEffect(
    () =>
      onUnauthorized((message) => {
        setEmail(null);
        setNotice(message);
      }),
    [],
  );

  function signOut() {
    api.logout();
    // The next person to sign in starts from the candidate list, not from this user's last page.
    navigate({ page: 'candidates' });
    setEmail(null);
    setNotice('You are signed out.');
  }

  return (
    <>
      <header className="topbar">
        <h1>ResumeAspire</h1>
        {email !== null && (
          <div className="who">
            {email && <span className="user-email">{email}</span>}
            <button type="button" className="secondary" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      {email === null ? (
        <main>
          <AuthForm
            notice={notice}
            onSignedIn={(signedIn) => {
              setNotice(null);
              setEmail(signedIn);
            }}
          />
        </main>
      ) : (
        <SignedInApp email={email} />
      )}
    </>
  );
}
