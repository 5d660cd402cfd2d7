import { useId, useState, type FormEvent, type MouseEvent } from 'react';
import { api } from '../api';
import { ErrorMessage } from './ErrorMessage';

interface AuthFormProps {
  /** A message to show above the form, e.g. why the user was signed out. */
  notice?: string | null;
  onSignedIn: (email: string) => void;
}

/** Sign in, or create an account and sign straight in with it: one form, two buttons. */
export function AuthForm({ notice, onSignedIn }: AuthFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'signin' | 'register' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  async function run(register: boolean) {
    setBusy(register ? 'register' : 'signin');
    setError(null);
    try {
      const credentials = { email: email.trim(), password };
      if (register) {
        await api.register(credentials);
      }
      await api.login(credentials);
      onSignedIn(credentials.email);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  }

  function signIn(event: FormEvent) {
    event.preventDefault();
    void run(false);
  }

  function createAccount(event: MouseEvent<HTMLButtonElement>) {
    // Not a submit button, so ask the browser to check the fields as a submit would.
    if (event.currentTarget.form?.reportValidity() === false) return;
    void run(true);
  }

  return (
    <section className="card auth" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Welcome</h2>
      <p className="muted">Sign in, or create an account with your email and a password.</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={signIn}>
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={`${id}-password-hint`}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <small id={`${id}-password-hint`} className="hint">
          New accounts need at least 6 characters with an upper-case letter, a lower-case letter, a digit and a symbol.
        </small>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" disabled={busy !== null}>
            Sign in
          </button>
          <button type="button" className="secondary" disabled={busy !== null} onClick={createAccount}>
            Create account
          </button>
          {busy && (
            <span className="busy" role="status">
              <span className="spinner" aria-hidden="true" /> {busy === 'register' ? 'Creating your account…' : 'Signing in…'}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
