import { useId, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorMessage } from './ErrorMessage';

interface AuthFormProps {
  /** A message to show above the form, e.g. why the user was signed out. */
  notice?: string | null;
  onSignedIn: (email: string) => void;
}

export function AuthForm({ notice, onSignedIn }: AuthFormProps) {
  const [mode, setMode] = useState<'signin' | 'register'>('signin');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const registering = mode === 'register';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const credentials = { email: email.trim(), password };
      if (registering) {
        await api.register(credentials);
      }
      await api.login(credentials);
      onSignedIn(credentials.email);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card auth" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{registering ? 'Create an account' : 'Sign in'}</h2>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete={registering ? 'new-password' : 'current-password'}
          required
          minLength={registering ? 6 : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Please wait…' : registering ? 'Register and sign in' : 'Sign in'}
          </button>
          <button
            type="button"
            className="link"
            onClick={() => {
              setMode(registering ? 'signin' : 'register');
              setError(null);
            }}
          >
            {registering ? 'I already have an account' : 'Create an account'}
          </button>
        </div>
      </form>
    </section>
  );
}
