import { useEffect, useState } from 'react';
import { api, onUnauthorized, session } from './api';
import { AuthForm } from './components/AuthForm';
import { Workspace } from './components/Workspace';

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
    setEmail(null);
    setNotice('You are signed out.');
  }

  return (
    <>
      <header className="topbar">
        <h1>ResumeAspire</h1>
        {email !== null && (
          <div className="who">
            {email && <span className="muted">{email}</span>}
            <button type="button" className="secondary" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main>
        {email === null ? (
          <AuthForm
            notice={notice}
            onSignedIn={(signedIn) => {
              setNotice(null);
              setEmail(signedIn);
            }}
          />
        ) : (
          <Workspace />
        )}
      </main>
    </>
  );
}
