import { useEffect, useState } from 'react';
import type { BelticVerifyCompleteEvent, Outcome } from 'beltic-verify';

interface Session {
  session_id: string;
  client_token: string;
}

/** Your backend creates the Beltic session and hands the page a client token (never the secret key). */
async function createSession(signal: AbortSignal): Promise<Session> {
  const response = await fetch('/api/demo/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({}),
    signal,
  });
  if (!response.ok) throw new Error(`The session could not be created (${response.status}).`);
  return (await response.json()) as Session;
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<Outcome | 'pending'>('pending');
  const [problem, setProblem] = useState<string | null>(null);

  // In StrictMode this effect runs twice in development: the first request is aborted and the
  // element is handed the second session's token, which it starts on cleanly.
  useEffect(() => {
    const controller = new AbortController();
    createSession(controller.signal).then(setSession, (error: unknown) => {
      if (!controller.signal.aborted) setProblem(String(error));
    });
    return () => controller.abort();
  }, []);

  const onComplete = (event: BelticVerifyCompleteEvent) => setStatus(event.detail.status);

  return (
    <main>
      <h1>Verify your identity</h1>
      {problem && <p role="alert">{problem}</p>}
      {session && <beltic-verify api-base="/beltic" clientToken={session.client_token} onbeltic-verify-complete={onComplete} />}
      <p>
        Status: <output id="status">{status}</output>
      </p>
    </main>
  );
}
